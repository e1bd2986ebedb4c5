package dev.zoo.spark;

import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors in a form Spark's serializer moves between JVMs ({@link Weights} is not
 * {@link Serializable}): names, shapes and values in one fixed order.
 */
final class TensorBundle implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String[] names;
    private final int[][] shapes;
    private final float[][] values;

    private TensorBundle(String[] names, int[][] shapes, float[][] values) {
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    static TensorBundle of(Weights weights) {
        int n = weights.size();
        String[] names = new String[n];
        int[][] shapes = new int[n][];
        float[][] values = new float[n][];
        int i = 0;
        for (Map.Entry<String, Tensor> e : weights.asMap().entrySet()) {
            names[i] = e.getKey();
            shapes[i] = e.getValue().shapeArray();
            values[i] = e.getValue().data();
            i++;
        }
        return new TensorBundle(names, shapes, values);
    }

    /** The same names and shapes with other values (in this bundle's order). */
    TensorBundle withValues(float[][] newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException("tensor bundle: " + values.length + " tensors, got " + newValues.length);
        }
        return new TensorBundle(names, shapes, newValues);
    }

    /** This bundle's values in its order, taken from {@code weights} by name. */
    float[][] valuesOf(Weights weights, String what) {
        if (weights.size() != names.length) {
            throw new IllegalStateException(what + ": expected " + names.length + " tensors, got " + weights.size());
        }
        float[][] out = new float[names.length][];
        for (int i = 0; i < names.length; i++) {
            if (!weights.contains(names[i])) {
                throw new IllegalStateException(what + ": missing tensor '" + names[i] + "'");
            }
            out[i] = weights.get(names[i]).data();
            if (out[i].length != values[i].length) {
                throw new IllegalStateException(what + ": tensor '" + names[i] + "' has " + out[i].length
                        + " values, expected " + values[i].length);
            }
        }
        return out;
    }

    float[][] values() {
        return values;
    }

    String name(int i) {
        return names[i];
    }

    Weights toWeights() {
        Map<String, Tensor> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            List<Integer> shape = new ArrayList<>(shapes[i].length);
            for (int d : shapes[i]) {
                shape.add(d);
            }
            map.put(names[i], new Tensor(shape, values[i].clone()));
        }
        return new Weights(map);
    }

    /** Bytes of tensor values (float32), the payload Spark moves for this bundle. */
    long valueBytes() {
        long n = 0;
        for (float[] v : values) {
            n += 4L * v.length;
        }
        return n;
    }
}

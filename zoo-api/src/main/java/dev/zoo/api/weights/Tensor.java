package dev.zoo.api.weights;

import java.util.Arrays;
import java.util.List;

/** A dense float32 tensor in row-major (C) order with its shape. The array is owned, not copied. */
public record Tensor(List<Integer> shape, float[] data) {

    public Tensor {
        shape = List.copyOf(shape);
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor shape must be non-negative, got " + shape);
            }
            n *= d;
        }
        if (data == null || data.length != n) {
            throw new IllegalArgumentException("tensor of shape " + shape + " needs " + n + " values, got "
                    + (data == null ? "null" : data.length));
        }
    }

    public static Tensor of(float[] data, int... shape) {
        return new Tensor(Arrays.stream(shape).boxed().toList(), data);
    }

    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.shape.equals(shape) && Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + shape;
    }
}

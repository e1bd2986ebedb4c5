package dev.zoo.importer.keras;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.importer.ImportException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras weights from HDF5 (read with jHDF, pure Java) as canonical zoo {@link Weights}. Two layouts:
 * Keras 2 ({@code model.save('m.h5')} under {@code model_weights/}, or {@code save_weights} at the
 * root), with one group per layer holding datasets named {@code kernel:0}, {@code bias:0},
 * {@code gamma:0}, {@code beta:0}, {@code moving_mean:0}, {@code moving_variance:0}; and Keras 3
 * ({@code .weights.h5}), with {@code layers/<layer>/vars/0, 1, ...} in that same order. Convolution
 * kernels go from HWIO to OIHW, dense kernels from [in, out] to [out, in], and a dense layer (or batch
 * norm) fed by the flatten of a channels-last map gets its inputs reordered from (H, W, C) to (C, H, W).
 */
final class KerasWeights {

    private static final List<String> CONV_DENSE = List.of("kernel", "bias");
    private static final List<String> BATCH_NORM = List.of("gamma", "beta", "moving_mean", "moving_variance");
    private static final List<String> BATCH_NORM_ZOO = List.of("weight", "bias", "running_mean", "running_var");

    /** One stored array, row-major, with its Keras shape. */
    private record Array(float[] data, int[] shape) {
    }

    private final String source;
    private final Group layersRoot;
    private final boolean keras3;

    private KerasWeights(HdfFile hdf, String source) {
        this.source = source;
        Node layers = hdf.getChild("layers");
        Node modelWeights = hdf.getChild("model_weights");
        this.keras3 = layers instanceof Group && modelWeights == null;
        this.layersRoot = keras3 ? (Group) layers : modelWeights instanceof Group g ? g : hdf;
    }

    /** The weights for {@code architecture} as {@code plans} place them. */
    static Weights read(HdfFile hdf, String source, Architecture architecture, List<WeightPlan> plans) {
        return new KerasWeights(hdf, source).convert(architecture, plans);
    }

    private Weights convert(Architecture architecture, List<WeightPlan> plans) {
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        architecture.parameters().forEach(p -> specs.put(p.name(), p));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        for (WeightPlan plan : plans) {
            Map<String, Array> stored = layer(plan);
            used.add(plan.kerasLayer());
            switch (plan.kind()) {
                case CONV -> {
                    put(tensors, specs, plan, "weight", hwioToOihw(need(stored, plan, "kernel", 4)));
                    optional(tensors, specs, plan, stored);
                }
                case DENSE -> {
                    put(tensors, specs, plan, "weight", dense(need(stored, plan, "kernel", 2), plan.nhwc()));
                    optional(tensors, specs, plan, stored);
                }
                case BATCH_NORM -> {
                    for (int i = 0; i < BATCH_NORM.size(); i++) {
                        Array v = need(stored, plan, BATCH_NORM.get(i), 1);
                        put(tensors, specs, plan, BATCH_NORM_ZOO.get(i), new Array(chwOrder(v.data(), plan.nhwc()), v.shape()));
                    }
                }
            }
        }
        for (Node child : layersRoot) {
            if (child instanceof Group g && !used.contains(child.getName()) && hasData(g)) {
                throw new ImportException(source + ": weights for layer '" + child.getName()
                        + "', which the model config does not have (or has without weights)");
            }
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (String name : specs.keySet()) {
            if (tensors.containsKey(name)) {
                ordered.put(name, tensors.get(name));
            }
        }
        Weights weights = new Weights(ordered);
        weights.check(architecture);
        return weights;
    }

    private void optional(Map<String, Tensor> tensors, Map<String, ParameterSpec> specs, WeightPlan plan,
            Map<String, Array> stored) {
        if (specs.containsKey(plan.zooPath() + ".bias")) {
            put(tensors, specs, plan, "bias", need(stored, plan, "bias", 1));
        } else if (stored.containsKey("bias")) {
            throw new ImportException(source + ": layer '" + plan.kerasLayer() + "' has a bias, its config says use_bias false");
        }
    }

    private void put(Map<String, Tensor> tensors, Map<String, ParameterSpec> specs, WeightPlan plan, String suffix,
            Array array) {
        String name = plan.zooPath() + "." + suffix;
        ParameterSpec spec = specs.get(name);
        int[] want = spec.shape().stream().mapToInt(Integer::intValue).toArray();
        if (!Arrays.equals(want, array.shape())) {
            throw new ImportException(source + ": layer '" + plan.kerasLayer() + "': " + suffix + " has shape "
                    + Arrays.toString(array.shape()) + " in zoo's layout, the config needs " + spec.shape());
        }
        tensors.put(name, Tensor.of(array.data(), array.shape()));
    }

    private Array need(Map<String, Array> stored, WeightPlan plan, String name, int rank) {
        Array a = stored.get(name);
        if (a == null) {
            throw new ImportException(source + ": layer '" + plan.kerasLayer() + "' has no '" + name + "' weights (has "
                    + stored.keySet() + ")");
        }
        if (a.shape().length != rank) {
            throw new ImportException(source + ": layer '" + plan.kerasLayer() + "': " + name + " has shape "
                    + Arrays.toString(a.shape()) + ", expected rank " + rank);
        }
        return a;
    }

    /** The stored arrays of one layer by their Keras names ({@code kernel}, {@code gamma}, ...). */
    private Map<String, Array> layer(WeightPlan plan) {
        Node node = layersRoot.getChild(plan.kerasLayer());
        if (!(node instanceof Group group)) {
            throw new ImportException(source + ": no weights for layer '" + plan.kerasLayer() + "' (no group "
                    + layersRoot.getPath() + (layersRoot.getPath().endsWith("/") ? "" : "/") + plan.kerasLayer() + ")");
        }
        Map<String, Array> out = new LinkedHashMap<>();
        if (keras3) {
            List<String> order = plan.kind() == WeightPlan.Kind.BATCH_NORM ? BATCH_NORM : CONV_DENSE;
            Node vars = group.getChild("vars");
            for (int i = 0; vars instanceof Group v && v.getChild(Integer.toString(i)) instanceof Dataset d; i++) {
                if (i >= order.size()) {
                    throw new ImportException(source + ": layer '" + plan.kerasLayer() + "' has more than " + order.size()
                            + " variables");
                }
                out.put(order.get(i), array(d));
            }
        } else {
            collect(group, out);
        }
        return out;
    }

    private void collect(Group group, Map<String, Array> out) {
        for (Node child : group) {
            if (child instanceof Group g) {
                collect(g, out);
            } else if (child instanceof Dataset d) {
                String name = d.getName();
                int colon = name.lastIndexOf(':');
                out.put(colon > 0 ? name.substring(0, colon) : name, array(d));
            }
        }
    }

    private static boolean hasData(Group group) {
        for (Node child : group) {
            if (child instanceof Dataset || child instanceof Group g && hasData(g)) {
                return true;
            }
        }
        return false;
    }

    private Array array(Dataset d) {
        Object flat = d.getDataFlat();
        float[] data;
        if (flat instanceof float[] f) {
            data = f;
        } else if (flat instanceof double[] v) {
            data = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                data[i] = (float) v[i];
            }
        } else {
            throw new ImportException(source + ": dataset " + d.getPath() + " holds " + d.getJavaType().getSimpleName()
                    + ", not float32 or float64");
        }
        return new Array(data, d.getDimensions());
    }

    /** [kh, kw, in, out] to [out, in, kh, kw]. */
    private static Array hwioToOihw(Array k) {
        int kh = k.shape()[0];
        int kw = k.shape()[1];
        int in = k.shape()[2];
        int out = k.shape()[3];
        float[] o = new float[k.data().length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int f = 0; f < out; f++) {
                        o[((f * in + i) * kh + y) * kw + x] = k.data()[((y * kw + x) * in + i) * out + f];
                    }
                }
            }
        }
        return new Array(o, new int[] {out, in, kh, kw});
    }

    /** [in, out] to [out, in], the inputs reordered from (H, W, C) to (C, H, W) when {@code nhwc} is set. */
    private static Array dense(Array k, int[] nhwc) {
        int in = k.shape()[0];
        int out = k.shape()[1];
        int[] from = kerasIndex(in, nhwc);
        float[] o = new float[k.data().length];
        for (int j = 0; j < in; j++) {
            int row = from[j];
            for (int f = 0; f < out; f++) {
                o[f * in + j] = k.data()[row * out + f];
            }
        }
        return new Array(o, new int[] {out, in});
    }

    private static float[] chwOrder(float[] v, int[] nhwc) {
        int[] from = kerasIndex(v.length, nhwc);
        float[] o = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            o[j] = v[from[j]];
        }
        return o;
    }

    /** For each zoo flat index (C, H, W order), the Keras flat index (H, W, C order) of the same value. */
    private static int[] kerasIndex(int length, int[] nhwc) {
        int[] from = new int[length];
        if (nhwc == null || nhwc[0] * nhwc[1] * nhwc[2] != length) {
            for (int j = 0; j < length; j++) {
                from[j] = j;
            }
            return from;
        }
        int c = nhwc[0];
        int h = nhwc[1];
        int w = nhwc[2];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    from[(ch * h + y) * w + x] = (y * w + x) * c + ch;
                }
            }
        }
        return from;
    }
}

package dev.zoo.tensorflow;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.NodeShape;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canonical (PyTorch) parameter layouts against TensorFlow's, for one architecture: convolution
 * kernels OIHW against HWIO ({@code [kh, kw, in, out]}), dense kernels {@code [out, in]} against
 * {@code [in, out]}; vectors are the same in both.
 *
 * <p>The graph keeps feature maps NHWC. Where a {@code Flatten} of a map feeds a {@code Dense}
 * (through nothing but dropout and activations, which act element by element) the graph flattens
 * the NHWC map as it is, and that dense kernel's rows are kept in NHWC order instead: the same
 * function, without the two transposes (forward and backward) that flattening in PyTorch's NCHW
 * order costs on every step. Any other flatten transposes back to NCHW first.
 */
public final class Layout {

    /** Dense kernels whose rows are in NHWC order, with the CxHxW map that is flattened into them. */
    private final Map<String, Shape> nhwcRows;
    private final Set<String> nhwcFlattens;

    private Layout(Map<String, Shape> nhwcRows, Set<String> nhwcFlattens) {
        this.nhwcRows = Collections.unmodifiableMap(nhwcRows);
        this.nhwcFlattens = Collections.unmodifiableSet(nhwcFlattens);
    }

    /** The layouts of {@code architecture}'s parameters as the compiled graph holds them. */
    public static Layout of(Architecture architecture) {
        Map<String, Shape> rows = new HashMap<>();
        Set<String> flattens = new HashSet<>();
        List<NodeShape> nodes = architecture.nodes(); // in execution order, each composite before its children
        for (int i = 0; i < nodes.size(); i++) {
            NodeShape flatten = nodes.get(i);
            if (!(flatten.layer() instanceof Flatten) || !flatten.input().isImage()) {
                continue;
            }
            for (int j = i + 1; j < nodes.size(); j++) {
                Layer next = nodes.get(j).layer();
                if (next instanceof Dense) {
                    rows.put(nodes.get(j).path() + ".weight", flatten.input());
                    flattens.add(flatten.path());
                }
                if (!(next instanceof Sequential || next instanceof Dropout || next instanceof Activation)) {
                    break;
                }
            }
        }
        return new Layout(rows, flattens);
    }

    /** Whether the flatten at {@code path} flattens NHWC as it is (its dense kernel's rows follow). */
    boolean flattensNhwc(String path) {
        return nhwcFlattens.contains(path);
    }

    /** The parameter's shape in TensorFlow's layout. */
    public static long[] tfShape(ParameterSpec p) {
        List<Integer> s = p.shape();
        return switch (p.role()) {
            case CONV_WEIGHT -> new long[] {s.get(2), s.get(3), s.get(1), s.get(0)};
            case DENSE_WEIGHT -> new long[] {s.get(1), s.get(0)};
            case BIAS, BN_GAMMA, BN_BETA, BN_RUNNING_MEAN, BN_RUNNING_VAR -> s.stream().mapToLong(Integer::longValue).toArray();
        };
    }

    /** Canonical values of {@code p} rearranged into TensorFlow's layout. */
    double[] toTf(ParameterSpec p, double[] canonical) {
        return permute(p, canonical, true);
    }

    /** Canonical float32 values of {@code p} rearranged into TensorFlow's layout. */
    public float[] toTf(ParameterSpec p, float[] canonical) {
        double[] wide = new double[canonical.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = canonical[i];
        }
        double[] tf = toTf(p, wide);
        float[] out = new float[tf.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) tf[i];
        }
        return out;
    }

    /** TensorFlow-layout values of {@code p} rearranged into the canonical layout. */
    double[] toCanonical(ParameterSpec p, double[] tf) {
        return permute(p, tf, false);
    }

    private double[] permute(ParameterSpec p, double[] in, boolean toTf) {
        List<Integer> shape = p.shape();
        double[] out = new double[in.length];
        switch (p.role()) {
            case CONV_WEIGHT -> {
                int o = shape.get(0);
                int i = shape.get(1);
                int kh = shape.get(2);
                int kw = shape.get(3);
                for (int a = 0; a < o; a++) {
                    for (int b = 0; b < i; b++) {
                        for (int h = 0; h < kh; h++) {
                            for (int w = 0; w < kw; w++) {
                                move(in, out, ((a * i + b) * kh + h) * kw + w, ((h * kw + w) * i + b) * o + a, toTf);
                            }
                        }
                    }
                }
            }
            case DENSE_WEIGHT -> {
                int outputs = shape.get(0);
                int inputs = shape.get(1);
                Shape map = nhwcRows.get(p.name());
                for (int k = 0; k < inputs; k++) {
                    int row = map == null ? k : nhwcIndex(map, k);
                    for (int o = 0; o < outputs; o++) {
                        move(in, out, o * inputs + k, row * outputs + o, toTf);
                    }
                }
            }
            case BIAS, BN_GAMMA, BN_BETA, BN_RUNNING_MEAN, BN_RUNNING_VAR -> System.arraycopy(in, 0, out, 0, in.length);
        }
        return out;
    }

    /** Where element {@code nchw} of a flattened CxHxW map sits when the map is flattened NHWC. */
    private static int nhwcIndex(Shape map, int nchw) {
        int pixels = map.height() * map.width();
        return (nchw % pixels) * map.channels() + nchw / pixels;
    }

    private static void move(double[] in, double[] out, int canonical, int tf, boolean toTf) {
        if (toTf) {
            out[tf] = in[canonical];
        } else {
            out[canonical] = in[tf];
        }
    }
}

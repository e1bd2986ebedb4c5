package dev.zoo.tensorflow;

import dev.zoo.api.spec.ParameterRole;
import dev.zoo.api.spec.ParameterSpec;
import java.util.List;

/**
 * Canonical (PyTorch) parameter layouts against TensorFlow's: convolution kernels OIHW against HWIO
 * ({@code [kh, kw, in, out]}), dense kernels {@code [out, in]} against {@code [in, out]}; vectors are
 * the same in both. Dense kernels need no row permutation because the graph transposes feature maps
 * back to NCHW before it flattens them.
 */
public final class Layout {

    private Layout() {
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
    static double[] toTf(ParameterSpec p, double[] canonical) {
        return permute(p.role(), p.shape(), canonical, true);
    }

    /** Canonical float32 values of {@code p} rearranged into TensorFlow's layout. */
    public static float[] toTf(ParameterSpec p, float[] canonical) {
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
    static double[] toCanonical(ParameterSpec p, double[] tf) {
        return permute(p.role(), p.shape(), tf, false);
    }

    private static double[] permute(ParameterRole role, List<Integer> canonicalShape, double[] in, boolean toTf) {
        return switch (role) {
            case CONV_WEIGHT -> {
                int o = canonicalShape.get(0);
                int i = canonicalShape.get(1);
                int kh = canonicalShape.get(2);
                int kw = canonicalShape.get(3);
                double[] out = new double[in.length];
                for (int a = 0; a < o; a++) {
                    for (int b = 0; b < i; b++) {
                        for (int h = 0; h < kh; h++) {
                            for (int w = 0; w < kw; w++) {
                                int oihw = ((a * i + b) * kh + h) * kw + w;
                                int hwio = ((h * kw + w) * i + b) * o + a;
                                if (toTf) {
                                    out[hwio] = in[oihw];
                                } else {
                                    out[oihw] = in[hwio];
                                }
                            }
                        }
                    }
                }
                yield out;
            }
            case DENSE_WEIGHT -> {
                int rows = toTf ? canonicalShape.get(0) : canonicalShape.get(1);
                int cols = toTf ? canonicalShape.get(1) : canonicalShape.get(0);
                double[] out = new double[in.length];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        out[c * rows + r] = in[r * cols + c];
                    }
                }
                yield out;
            }
            case BIAS, BN_GAMMA, BN_BETA, BN_RUNNING_MEAN, BN_RUNNING_VAR -> in.clone();
        };
    }
}

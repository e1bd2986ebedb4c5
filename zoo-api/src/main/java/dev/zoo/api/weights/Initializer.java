package dev.zoo.api.weights;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded initial weights, identical on every backend, following torchvision's initialisation:
 * convolution kernels He/Kaiming normal with fan-out ({@code std = sqrt(2 / (out * k * k))}),
 * dense kernels normal with std 0.01, biases 0, batch-norm gamma 1, beta 0, running mean 0 and
 * running variance 1. Each tensor draws from its own generator seeded by the run seed and the
 * tensor's name, so adding a layer does not change the numbers of the others.
 */
public final class Initializer {

    private Initializer() {
    }

    /** Initial weights for {@code architecture} from {@code seed}. */
    public static Weights seeded(Architecture architecture, long seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            float[] data = new float[Math.toIntExact(p.size())];
            switch (p.role()) {
                case CONV_WEIGHT -> {
                    int fanOut = p.shape().get(0) * p.shape().get(2) * p.shape().get(3);
                    normal(data, Math.sqrt(2.0 / fanOut), generator(seed, p.name()));
                }
                case DENSE_WEIGHT -> normal(data, 0.01, generator(seed, p.name()));
                case BN_GAMMA, BN_RUNNING_VAR -> java.util.Arrays.fill(data, 1f);
                case BIAS, BN_BETA, BN_RUNNING_MEAN -> {
                    // zeros
                }
                default -> throw new IllegalStateException("no initialisation for " + p.role());
            }
            out.put(p.name(), new Tensor(p.shape(), data));
        }
        return new Weights(out);
    }

    private static Random generator(long seed, String name) {
        long h = 1125899906842597L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return new Random(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    private static void normal(float[] data, double std, Random random) {
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * std);
        }
    }
}

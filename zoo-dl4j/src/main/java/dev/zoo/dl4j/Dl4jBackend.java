package dev.zoo.dl4j;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.spec.Architecture;

/**
 * The {@code dl4j} backend: Deeplearning4j {@code ComputationGraph}s on ND4J's CPU backend
 * ({@code nd4j-native}). Found through {@link java.util.ServiceLoader} by its id.
 */
public final class Dl4jBackend implements Backend {

    /** The id users type. */
    public static final String ID = "dl4j";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Deeplearning4j 1.0.0-M2.1 ComputationGraph on ND4J (nd4j-native, CPU)";
    }

    @Override
    public void check(Architecture architecture) {
        Dl4jCompiler.check(architecture);
    }

    @Override
    public Network compile(Architecture architecture, NetworkOptions options) {
        check(architecture);
        if (options.device() == Device.GPU) {
            throw new IllegalArgumentException("backend dl4j: device GPU needs ND4J's CUDA backend (nd4j-cuda-11.6 "
                    + "with its platform classifier) instead of nd4j-native on the classpath; this build runs on CPU");
        }
        return new Dl4jNetwork(architecture, options);
    }
}

package dev.zoo.dl4j;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.spec.Architecture;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code dl4j} backend: Deeplearning4j {@code ComputationGraph}s on ND4J. ND4J picks its
 * device from the jar on the class path ({@code nd4j-native} for the CPU, {@code nd4j-cuda-*} for a
 * GPU), so a device the class path cannot give is refused instead of silently ignored. Found
 * through {@link java.util.ServiceLoader} by its id.
 */
public final class Dl4jBackend implements Backend {

    /** The id users type. */
    public static final String ID = "dl4j";

    /**
     * Applies the native-thread settings this backend's networks run with: how long libgomp's and
     * OpenBLAS's worker threads spin before they sleep ({@code GOMP_SPINCOUNT},
     * {@code OPENBLAS_THREAD_TIMEOUT}; a variable the environment already sets is kept). A process
     * that builds DL4J networks without this backend calls it before ND4J loads, which is when those
     * libraries read the settings.
     */
    public static void configureNativeThreads() {
        NativeThreadWait.beforeNd4jLoads();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        NativeThreadWait.beforeNd4jLoads();
        return "Deeplearning4j 1.0.0-M2.1 ComputationGraph on ND4J (" + Nd4j.getBackend().getClass().getSimpleName() + ")";
    }

    @Override
    public void check(Architecture architecture) {
        Dl4jCompiler.check(architecture);
    }

    @Override
    public Network compile(Architecture architecture, NetworkOptions options) {
        check(architecture);
        NativeThreadWait.beforeNd4jLoads();
        boolean cuda = Nd4j.getBackend().getClass().getSimpleName().contains("Cublas");
        if (options.device() == Device.GPU && !cuda) {
            throw new IllegalArgumentException("backend dl4j: device GPU needs ND4J's CUDA backend (nd4j-cuda-11.6 "
                    + "with its platform classifier) instead of nd4j-native on the classpath; this build runs on CPU");
        }
        if (options.device() == Device.CPU && cuda) {
            throw new IllegalArgumentException("backend dl4j: device CPU needs nd4j-native on the classpath; ND4J's "
                    + "backend here is CUDA, which runs everything on the GPU");
        }
        return new Dl4jNetwork(architecture, options);
    }
}

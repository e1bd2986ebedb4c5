package dev.zoo.dl4j;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Map;

/**
 * Makes libnd4j's OpenMP threads sleep as soon as a parallel region ends instead of spinning, by
 * setting {@code GOMP_SPINCOUNT=0} in the process environment before libnd4j (and the libgomp it
 * brings) is loaded; libgomp reads it once, when it loads.
 *
 * <p>Why: by default an idle libgomp thread spins for 300,000 iterations before it sleeps. Between
 * libnd4j's native operations a DL4J step runs Java (the layers, {@link ChannelBatchNorm}'s loops
 * and their worker thread, the optimizer) and OpenBLAS, and on a small machine the spinning threads
 * take the cores those need. Measured on 2 cores, three interleaved runs each: ResNet-20 at batch 64
 * 261-292 ms per step with a spin count of 0 against 319-362 with the default, and the lesson CNN at
 * batch 128 65-73 ms against 98-101. libtorch's OpenMP threads were not helped, so only the
 * {@code dl4j} backend does this.
 *
 * <p>A {@code GOMP_SPINCOUNT} or {@code OMP_WAIT_POLICY} already in the environment is left as it
 * is, and nothing happens if ND4J was loaded first (libgomp has read its settings by then).
 */
final class OpenMpWait {

    /** The variable set, and the value. */
    static final String VARIABLE = "GOMP_SPINCOUNT";
    static final String VALUE = "0";

    private static boolean done;

    /** The C library's environment functions (the JVM's {@code System.getenv} is a copy made at start). */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private OpenMpWait() {
    }

    /** The value to give {@link #VARIABLE} in an environment like {@code env}, or null to leave it. */
    static String valueFor(Map<String, String> env) {
        return env.containsKey(VARIABLE) || env.containsKey("OMP_WAIT_POLICY") ? null : VALUE;
    }

    /** Sets the spin count, once per process, if the environment does not choose one. */
    static synchronized void beforeNd4jLoads() {
        if (done) {
            return;
        }
        done = true;
        String value = valueFor(System.getenv());
        if (value == null || !Platform.isLinux()) {
            return;
        }
        try {
            libc().setenv(VARIABLE, value, 0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no C library to call: the default wait policy stays, which is only slower
        }
    }

    static LibC libc() {
        return Native.load("c", LibC.class);
    }
}

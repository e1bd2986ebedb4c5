package dev.zoo.dl4j;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the native worker threads under ND4J (libgomp's, for libnd4j and oneDNN, and OpenBLAS's)
 * wait, busy, for the next piece of work before they sleep, set in the process environment before
 * ND4J (and the libgomp and OpenBLAS it brings) is loaded; both libraries read their setting once,
 * when they load.
 *
 * <ul>
 *   <li>{@code OPENBLAS_THREAD_TIMEOUT=4}: OpenBLAS's worker threads (the dense layers' GEMMs) sleep
 *       right after a call. By default each one spins on {@code sched_yield} for 2<sup>28</sup> cycles
 *       after every call, which is longer than the gap between two calls, so during training one of
 *       them never stopped: a third busy thread on two cores, taking time from the training thread and
 *       libgomp's. Seen with {@code perf} and {@code gdb}: on the lesson CNN at batch 64 the process
 *       used 55 ms of CPU for a 28 ms step, where one native thread took 18 ms.</li>
 *   <li>{@code GOMP_SPINCOUNT=10000}: libgomp's threads (libnd4j's operations and oneDNN's
 *       convolutions) spin 10,000 iterations (a fraction of a millisecond) before they sleep, instead of
 *       libgomp's 300,000, which took the cores the Java code between operations needs. Waking a
 *       sleeping thread for each of a step's many short parallel regions costs more than this short
 *       spin once OpenBLAS no longer spins: lesson CNN and ResNet-20 steps 5-8% faster than with 0.</li>
 * </ul>
 *
 * <p>A variable the environment already sets is left as it is (and libgomp's is not set when
 * {@code OMP_WAIT_POLICY} is). Setting them after ND4J has loaded has no effect: the libraries have
 * read their settings by then. Measurements: docs/measurements.md.
 */
final class NativeThreadWait {

    /** A setting: the variable, its value, and the variables that, when set, mean the user chose. */
    record Setting(String variable, String value, List<String> chosenBy) {
    }

    static final Setting OPENBLAS = new Setting("OPENBLAS_THREAD_TIMEOUT", "4", List.of("OPENBLAS_THREAD_TIMEOUT"));
    static final Setting OPENMP = new Setting("GOMP_SPINCOUNT", "10000", List.of("GOMP_SPINCOUNT", "OMP_WAIT_POLICY"));
    static final List<Setting> SETTINGS = List.of(OPENBLAS, OPENMP);

    private static boolean done;

    /** The C library's environment functions (the JVM's {@code System.getenv} is a copy made at start). */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    private NativeThreadWait() {
    }

    /** The variables to set, with their values, in an environment like {@code env}: those it does not choose. */
    static Map<String, String> valuesFor(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            if (s.chosenBy().stream().noneMatch(env::containsKey)) {
                out.put(s.variable(), s.value());
            }
        }
        return out;
    }

    /** Sets the wait settings, once per process, that the environment does not choose. */
    static synchronized void beforeNd4jLoads() {
        if (done) {
            return;
        }
        done = true;
        if (!Platform.isLinux()) {
            return;
        }
        try {
            LibC libc = libc();
            valuesFor(System.getenv()).forEach((variable, value) -> libc.setenv(variable, value, 0));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no C library to call: the libraries' own defaults stay, which is only slower
        }
    }

    static LibC libc() {
        return Native.load("c", LibC.class);
    }
}

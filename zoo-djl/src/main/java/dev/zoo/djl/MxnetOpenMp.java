package dev.zoo.djl;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.List;
import java.util.Optional;

/**
 * Keeps MXNet's OpenMP work off the JVM's threads. MXNet runs its operators on threads of its own
 * engine, each with its OpenMP team; but a copy from or to Java memory runs on the calling thread,
 * in parallel once the array holds 200,000 values or more ({@code MXNET_CPU_PARALLEL_SIZE}), and so
 * does a reorder out of MKL-DNN's layout. That gives the JVM's thread an OpenMP team of its own for
 * the rest of the process, and from then on MXNet's kernels ran slower: DJL's own trainer on the
 * lesson CNN at batch 64 took 12-15 ms a step instead of 9-10 after a single 1.2 MB array had been
 * made from a Java array, and 15-17 ms instead of 8-10 in the first steps after a pause
 * (docs/measurements.md). Setting the calling thread's OpenMP thread count to 1 (a setting of
 * that thread alone) keeps such copies serial; MXNet's own threads keep theirs.
 *
 * <p>The OpenMP runtime is the {@code libgomp.so.1} MXNet loaded, found in the process's memory
 * map beside {@code libmxnet.so} (PyTorch's has a name of its own). Where there is none to find
 * (another system, another build), nothing changes.
 */
final class MxnetOpenMp {

    private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);

    /** The runtime, looked up on first use: by then MXNet's libraries are loaded. */
    private static final class Runtime {
        static final Optional<NativeLibrary> GOMP = load();
        static final Function SET_NUM_THREADS = GOMP.map(l -> l.getFunction("omp_set_num_threads")).orElse(null);
    }

    private MxnetOpenMp() {
    }

    /** Once per thread: OpenMP regions this thread starts in MXNet run on it alone. Call with MXNet loaded. */
    static void serialOnThisThread() {
        if (!DONE.get() && Runtime.SET_NUM_THREADS != null) {
            Runtime.SET_NUM_THREADS.invokeVoid(new Object[] {1});
            DONE.set(true);
        }
    }

    /** The OpenMP thread count of regions this thread would start, or 0 when no runtime was found (for tests). */
    static int maxThreadsOnThisThread() {
        return Runtime.GOMP.map(l -> l.getFunction("omp_get_max_threads").invokeInt(new Object[0])).orElse(0);
    }

    private static Optional<NativeLibrary> load() {
        try {
            return libgomp(LoadedLibraries.paths()).map(NativeLibrary::getInstance);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Of the loaded {@code paths}: the {@code libgomp.so.1} beside {@code libmxnet.so}, else the one loaded by that name. */
    static Optional<String> libgomp(List<String> paths) {
        Optional<String> mxnetDir = paths.stream().filter(p -> p.endsWith("/libmxnet.so"))
                .map(p -> p.substring(0, p.lastIndexOf('/') + 1)).findFirst();
        if (mxnetDir.isEmpty()) {
            return Optional.empty();
        }
        List<String> gomps = paths.stream().filter(p -> p.endsWith("/libgomp.so.1")).toList();
        return gomps.stream().filter(p -> p.startsWith(mxnetDir.get())).findFirst().or(() -> gomps.stream().findFirst());
    }
}

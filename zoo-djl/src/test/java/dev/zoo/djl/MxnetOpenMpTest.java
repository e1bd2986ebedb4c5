package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A JVM thread that drives an MXNet network copies between Java and native memory on its own: no
 * OpenMP team of its own, while MXNet's threads keep theirs.
 */
class MxnetOpenMpTest {

    private static final String MXNET = "7f1c2a000000-7f1c2b000000 r-xp 00000000 08:01 42 /home/u/.djl.ai/mxnet/1.9.1/libmxnet.so";
    private static final String ITS_GOMP = "7f1c2c000000-7f1c2c100000 r-xp 00000000 08:01 43 /home/u/.djl.ai/mxnet/1.9.1/libgomp.so.1";
    private static final String TORCH_GOMP = "7f1c2d000000-7f1c2d100000 r-xp 00000000 08:01 44 /home/u/.djl.ai/pytorch/libgomp-a34b3233.so.1";
    private static final String SYSTEM_GOMP = "7f1c2e000000-7f1c2e100000 r-xp 00000000 08:01 45 /usr/lib/x86_64-linux-gnu/libgomp.so.1";

    @Test
    void theRuntimeIsTheOneBesideMxnetElseTheOneLoadedByItsName() {
        assertThat(MxnetOpenMp.libgomp(LoadedLibraries.paths(List.of(SYSTEM_GOMP, TORCH_GOMP, MXNET, ITS_GOMP))))
                .contains("/home/u/.djl.ai/mxnet/1.9.1/libgomp.so.1");
        assertThat(MxnetOpenMp.libgomp(LoadedLibraries.paths(List.of(TORCH_GOMP, MXNET, SYSTEM_GOMP))))
                .contains("/usr/lib/x86_64-linux-gnu/libgomp.so.1");
        assertThat(MxnetOpenMp.libgomp(LoadedLibraries.paths(List.of(TORCH_GOMP, MXNET)))).isEmpty();
        assertThat(MxnetOpenMp.libgomp(LoadedLibraries.paths(List.of(SYSTEM_GOMP, "00400000-00452000 r-xp 00000000 08:02 173521 [heap]")))).isEmpty();
    }

    @Test
    void aLargeCopyOnALimitedThreadStartsNoThreadWhereAnUnlimitedOneDoes() throws Exception {
        Engine engine = Engine.getEngine("MXNet");
        assumeTrue(new File("/proc/self/task").isDirectory(), "needs Linux's /proc");
        try (NDManager manager = engine.newBaseManager(); NDArray a = manager.create(new float[] {1, 2})) {
            assertThat(a.add(1).toFloatArray()).containsExactly(2, 3); // MXNet's engine threads are up
        }
        int[] before = new int[1];
        int[] limited = new int[1];
        int[] threadsAfterLimitedCopy = new int[1];
        onFreshThread("omp-limited", () -> {
            before[0] = MxnetOpenMp.maxThreadsOnThisThread();
            MxnetOpenMp.serialOnThisThread();
            limited[0] = MxnetOpenMp.maxThreadsOnThisThread();
            copyOf300kValues(engine);
            threadsAfterLimitedCopy[0] = startedBy("omp-limited");
        });
        assumeTrue(before[0] > 1, "OpenMP runs " + before[0] + " thread here: nothing to keep serial");
        assertThat(limited[0]).isEqualTo(1);
        assertThat(threadsAfterLimitedCopy[0]).as("threads started by a 300,000-value copy").isZero();
        AtomicInteger other = new AtomicInteger();
        onFreshThread("omp-other", () -> other.set(MxnetOpenMp.maxThreadsOnThisThread()));
        assertThat(other.get()).as("another thread's OpenMP thread count").isEqualTo(before[0]);
        // the same copy on a thread left alone: MXNet's parallel copy gives that thread a team
        int[] started = new int[1];
        onFreshThread("omp-alone", () -> {
            copyOf300kValues(engine);
            started[0] = startedBy("omp-alone");
        });
        assertThat(started[0]).as("threads started by the same copy on a thread left alone").isPositive();
    }

    private static void copyOf300kValues(Engine engine) {
        try (NDManager manager = engine.newBaseManager(); NDArray a = manager.create(new float[300_000], new Shape(300_000))) {
            assertThat(a.toFloatArray()).hasSize(300_000);
        }
    }

    /**
     * Native threads started by the Java thread named {@code name}: a thread takes its creator's
     * name on Linux, and the JVM gives each Java thread its own.
     */
    private static int startedBy(String name) {
        File[] tasks = new File("/proc/self/task").listFiles();
        int n = 0;
        for (File t : tasks == null ? new File[0] : tasks) {
            try {
                if (Files.readString(t.toPath().resolve("comm")).trim().equals(name)) {
                    n++;
                }
            } catch (IOException e) {
                // a thread that ended meanwhile
            }
        }
        return n - 1;
    }

    private static void onFreshThread(String name, Runnable r) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                r.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, name);
        t.start();
        t.join();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }
}

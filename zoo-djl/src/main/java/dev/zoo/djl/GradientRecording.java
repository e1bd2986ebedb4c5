package dev.zoo.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records one forward pass for backward on the calling thread. DJL 0.36 allows one
 * {@link GradientCollector} per JVM ({@code PtGradientCollector} keeps a static flag and throws
 * "already collecting" for a second), which would stop two networks training on two threads at
 * once (Spark's task threads in local mode). libtorch's autograd is thread-safe with a grad mode
 * per thread, so on PyTorch this drives it directly, per thread; other engines take turns for the
 * DJL collector.
 */
abstract class GradientRecording implements AutoCloseable {

    private static final ReentrantLock SHARED_COLLECTOR = new ReentrantLock();

    static GradientRecording start(Engine engine) {
        return engine.getEngineName().equals("PyTorch") ? new Torch() : new Shared(engine);
    }

    abstract void backward(NDArray loss);

    @Override
    public abstract void close();

    /** libtorch's per-thread grad mode: on for the pass, off after it (also on a thread that starts with it on). */
    private static final class Torch extends GradientRecording {
        Torch() {
            JniUtils.setGradMode(true);
        }

        @Override
        void backward(NDArray loss) {
            try (NDArray seed = loss.onesLike()) {
                JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
            }
        }

        @Override
        public void close() {
            JniUtils.setGradMode(false);
        }
    }

    /** DJL's one collector per JVM, held by one thread at a time. */
    private static final class Shared extends GradientRecording {
        private final GradientCollector collector;

        Shared(Engine engine) {
            SHARED_COLLECTOR.lock();
            try {
                collector = engine.newGradientCollector();
            } catch (RuntimeException e) {
                SHARED_COLLECTOR.unlock();
                throw e;
            }
        }

        @Override
        void backward(NDArray loss) {
            collector.backward(loss);
        }

        @Override
        public void close() {
            try {
                collector.close();
            } finally {
                SHARED_COLLECTOR.unlock();
            }
        }
    }
}

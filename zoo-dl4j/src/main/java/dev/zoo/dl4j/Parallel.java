package dev.zoo.dl4j;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Splits per-channel work among a few threads: the caller takes the first share. */
final class Parallel {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "zoo-dl4j-channels");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** Runs {@code body} for every channel in [0, channels), on at most {@code threads} threads. */
    static void forChannels(int threads, int channels, IntConsumer body) {
        int parts = Math.min(threads, channels);
        if (parts <= 1) {
            range(body, 0, channels);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] others = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = channels * p / parts;
            int to = channels * (p + 1) / parts;
            others[p - 1] = POOL.submit(() -> range(body, from, to));
        }
        range(body, 0, channels / parts);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dl4j: interrupted in a batch-norm pass", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    private static void range(IntConsumer body, int from, int to) {
        for (int c = from; c < to; c++) {
            body.accept(c);
        }
    }
}

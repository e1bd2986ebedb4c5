package dev.zoo.dl4j;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Splits work by index (channels, or chunks of an array) among a few threads: the caller takes the first share. */
final class Parallel {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "zoo-dl4j-parallel");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** Runs {@code body} for every index in [0, count), on at most {@code threads} threads. */
    static void forEach(int threads, int count, IntConsumer body) {
        int parts = Math.min(threads, count);
        if (parts <= 1) {
            range(body, 0, count);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] others = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = count * p / parts;
            int to = count * (p + 1) / parts;
            others[p - 1] = POOL.submit(() -> range(body, from, to));
        }
        range(body, 0, count / parts);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("dl4j: interrupted in a parallel pass", e);
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

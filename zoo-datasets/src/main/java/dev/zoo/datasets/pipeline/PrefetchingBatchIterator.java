package dev.zoo.datasets.pipeline;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.datasets.error.DatasetException;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntFunction;

/**
 * Builds batches on one background thread while the caller trains, holding at most {@code depth}
 * finished batches (bounded memory); closing stops the thread and drops what it had made.
 */
final class PrefetchingBatchIterator implements BatchIterator {

    /** What the worker hands over: a batch, the end, or its failure. */
    private record Item(Batch batch, RuntimeException failure) {
        static final Item END = new Item(null, null);
    }

    private final BlockingQueue<Item> queue;
    private final Thread worker;
    private Item pending;
    private boolean finished;
    private volatile boolean closed;

    PrefetchingBatchIterator(IntFunction<Batch> batchAt, int from, int end, int depth, String threadName) {
        if (depth < 1) {
            throw new IllegalArgumentException("prefetch depth must be >= 1, got " + depth);
        }
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = new Thread(() -> produce(batchAt, from, end), threadName);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    private void produce(IntFunction<Batch> batchAt, int from, int end) {
        try {
            for (int i = from; i < end && !closed; i++) {
                queue.put(new Item(batchAt.apply(i), null));
            }
            queue.put(Item.END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(new Item(null, e));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (closed || finished) {
            return false;
        }
        if (pending == null) {
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasetException("batch prefetch: interrupted while waiting for the next batch", e);
            }
        }
        RuntimeException failure = pending.failure();
        if (failure != null) {
            finished = true;
            close();
            throw new DatasetException("batch prefetch: building a batch failed: " + failure.getMessage(), failure);
        }
        if (pending == Item.END) {
            finished = true;
            return false;
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("batch iterator: no more batches" + (closed ? " (closed)" : ""));
        }
        Batch b = pending.batch();
        pending = null;
        return b;
    }

    /** Whether the background thread is still running (for tests of {@link #close()}). */
    boolean workerAlive() {
        return worker.isAlive();
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        queue.clear();
        pending = null;
    }
}

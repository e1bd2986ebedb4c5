package dev.zoo.datasets.pipeline;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/** Builds each batch on the caller's thread when it is asked for (no prefetch). */
final class SequentialBatchIterator implements BatchIterator {

    private final IntFunction<Batch> batchAt;
    private final int end;
    private int next;
    private boolean closed;

    SequentialBatchIterator(IntFunction<Batch> batchAt, int from, int end) {
        this.batchAt = batchAt;
        this.next = from;
        this.end = end;
    }

    @Override
    public boolean hasNext() {
        return !closed && next < end;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("batch iterator: no batch after index " + (next - 1)
                    + (closed ? " (closed)" : ""));
        }
        return batchAt.apply(next++);
    }

    @Override
    public void close() {
        closed = true;
    }
}

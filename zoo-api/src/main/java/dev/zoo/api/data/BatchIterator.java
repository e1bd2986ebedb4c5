package dev.zoo.api.data;

import java.util.Iterator;

/** The batches of one epoch; closing it stops any background work (prefetch threads, open files). */
public interface BatchIterator extends Iterator<Batch>, AutoCloseable {
    @Override
    void close();
}

package dev.zoo.bench.compare;

import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.data.Batch;

/** A network that counts the images and wall time of its evaluation passes, for evaluation images/s. */
final class TimedPredictions extends ForwardingNetwork {

    private long nanos;
    private long images;

    TimedPredictions(Network delegate) {
        super(delegate);
    }

    @Override
    public float[] predict(Batch batch) {
        long start = System.nanoTime();
        float[] logits = super.predict(batch);
        nanos += System.nanoTime() - start;
        images += batch.size();
        return logits;
    }

    /** Images per second over every predict call so far, or null when there was none. */
    Double imagesPerSecond() {
        return images == 0 ? null : images / (nanos / 1e9);
    }
}

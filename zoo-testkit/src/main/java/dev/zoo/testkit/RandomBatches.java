package dev.zoo.testkit;

import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import java.util.Random;

/** Seeded batches of standard-normal images and uniform labels, for contract tests. */
public final class RandomBatches {

    private RandomBatches() {
    }

    public static Batch of(Shape item, int classes, int size, long seed) {
        Random random = new Random(seed);
        float[] images = new float[Math.toIntExact(size * item.size())];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(classes);
        }
        return new Batch(images, labels, size, item);
    }
}

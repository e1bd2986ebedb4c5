package dev.zoo.testkit;

import dev.zoo.api.data.ArrayBatchSource;
import dev.zoo.api.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small labelled image sets made from a seed: each class has its own mean pattern plus noise, so
 * a network can learn them, and the numbers are the same in every process and on every machine.
 */
public final class SyntheticImages {

    private SyntheticImages() {
    }

    /**
     * {@code count} examples of {@code shape} in {@code classes} classes (label {@code i % classes}),
     * served in stored order when {@code shuffle} is false.
     */
    public static ArrayBatchSource of(Shape shape, int classes, int count, long seed, boolean shuffle) {
        return new ArrayBatchSource(images(shape, classes, count), labels(classes, count), shape, names(classes), seed,
                shuffle);
    }

    /** The values of {@link #of}, to alter (a NaN) before serving them. */
    public static float[] images(Shape shape, int classes, int count) {
        int item = (int) shape.size();
        Random random = new Random(20240611L);
        float[][] means = new float[classes][item];
        for (float[] m : means) {
            for (int j = 0; j < item; j++) {
                m[j] = (float) random.nextGaussian();
            }
        }
        float[] x = new float[count * item];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < item; j++) {
                x[i * item + j] = means[i % classes][j] + 0.5f * (float) random.nextGaussian();
            }
        }
        return x;
    }

    public static int[] labels(int classes, int count) {
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = i % classes;
        }
        return y;
    }

    public static List<String> names(int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        return names;
    }
}

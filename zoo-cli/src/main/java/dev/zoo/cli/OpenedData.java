package dev.zoo.cli;

import dev.zoo.api.data.BatchSource;
import java.nio.file.Path;

/**
 * A dataset opened for a run: its training and test splits and how to prepare a user's image file
 * exactly as the test split's examples are prepared.
 */
public record OpenedData(BatchSource train, BatchSource test, ImagePreparer images) {

    /** Turns an image file into the floats of one example (CxHxW, normalised as in training). */
    @FunctionalInterface
    public interface ImagePreparer {
        float[] prepare(Path image);
    }
}

package dev.zoo.cli;

import dev.zoo.api.train.Prediction;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run sees in one image file, or why it could not look: one bad file in a list does not
 * cost the others their answer.
 *
 * @param image       the file as given
 * @param predictions the most probable classes, most probable first; empty when {@code error} is set
 * @param error       what is wrong with the file (naming it), or null
 */
public record ImagePrediction(Path image, List<Prediction> predictions, String error) {

    public ImagePrediction {
        predictions = List.copyOf(predictions);
    }

    static ImagePrediction of(Path image, List<Prediction> predictions) {
        return new ImagePrediction(image, predictions, null);
    }

    static ImagePrediction failed(Path image, String error) {
        return new ImagePrediction(image, List.of(), error);
    }

    public boolean failed() {
        return error != null;
    }
}

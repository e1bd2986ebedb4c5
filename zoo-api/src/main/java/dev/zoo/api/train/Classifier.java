package dev.zoo.api.train;

import dev.zoo.api.backend.Network;
import dev.zoo.api.data.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A trained network that names what it sees: softmax probabilities of an image's logits, with the
 * class names of its dataset, for applications and {@code zoo predict}. It owns the network.
 */
public final class Classifier implements AutoCloseable {

    private final Network network;
    private final List<String> classNames;

    public Classifier(Network network, List<String> classNames) {
        this.network = Objects.requireNonNull(network, "network");
        this.classNames = List.copyOf(classNames);
        if (classNames.size() != network.architecture().classes()) {
            throw new IllegalArgumentException("classifier: " + network.architecture().name() + " has "
                    + network.architecture().classes() + " classes but " + classNames.size() + " names were given");
        }
    }

    /**
     * The {@code k} most probable classes of one image (CxHxW floats, prepared as in training),
     * most probable first.
     */
    public List<Prediction> classify(float[] image, int k) {
        var shape = network.architecture().input();
        if (image.length != shape.size()) {
            throw new IllegalArgumentException("classifier: an image for " + network.architecture().name() + " has "
                    + shape.size() + " values (" + shape + "), got " + image.length);
        }
        float[] logits = network.predict(new Batch(image, new int[] {0}, 1, shape));
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            p[c] = Math.exp(logits[c] - max);
            sum += p[c];
        }
        List<Prediction> all = new ArrayList<>();
        for (int c = 0; c < logits.length; c++) {
            all.add(new Prediction(c, classNames.get(c), p[c] / sum));
        }
        all.sort(Comparator.comparingDouble(Prediction::probability).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    public Network network() {
        return network;
    }

    @Override
    public void close() {
        network.close();
    }
}

package dev.zoo.api.train;

import dev.zoo.api.backend.Network;
import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.api.data.BatchSource;

/** Scores a network on every example of a split: mean cross-entropy, top-1 and top-5 accuracy. */
public final class Evaluator {

    private Evaluator() {
    }

    /** Runs {@code network.predict} over {@code source} (epoch 0 order) in batches of {@code batchSize}. */
    public static Evaluation evaluate(Network network, BatchSource source, int batchSize) {
        int classes = network.architecture().classes();
        double lossSum = 0;
        long top1 = 0;
        long top5 = 0;
        int n = 0;
        try (BatchIterator it = source.batches(0, batchSize, 0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                float[] logits = network.predict(b);
                if (logits.length != b.size() * classes) {
                    throw new IllegalStateException("backend " + network.backendId() + ": predict gave " + logits.length
                            + " logits for " + b.size() + " examples of " + classes + " classes");
                }
                for (int i = 0; i < b.size(); i++) {
                    int label = b.labels()[i];
                    lossSum += crossEntropy(logits, i * classes, classes, label);
                    int rank = rank(logits, i * classes, classes, label);
                    top1 += rank == 0 ? 1 : 0;
                    top5 += rank < 5 ? 1 : 0;
                }
                n += b.size();
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("evaluation: the split has no examples");
        }
        return new Evaluation(lossSum / n, (double) top1 / n, (double) top5 / n, n);
    }

    /** {@code -log softmax(logits)[label]}, computed stably in double. */
    static double crossEntropy(float[] logits, int offset, int classes, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[offset + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[offset + c] - max);
        }
        return Math.log(sum) + max - logits[offset + label];
    }

    /** How many classes score strictly higher than {@code label} (ties count in the label's favour; a NaN logit ranks last). */
    static int rank(float[] logits, int offset, int classes, int label) {
        float mine = logits[offset + label];
        if (Float.isNaN(mine)) {
            return classes;
        }
        int higher = 0;
        for (int c = 0; c < classes; c++) {
            if (logits[offset + c] > mine) {
                higher++;
            }
        }
        return higher;
    }
}

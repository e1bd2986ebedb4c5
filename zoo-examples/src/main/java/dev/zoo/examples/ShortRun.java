package dev.zoo.examples;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.Evaluator;
import dev.zoo.api.train.Trainer;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingResult;
import java.util.List;
import java.util.function.Consumer;

/**
 * Compiles an architecture on a backend found by id and trains it through the neutral training
 * loop ({@link Trainer}), as every lesson program does, then scores it on the test split.
 */
final class ShortRun {

    private ShortRun() {
    }

    /**
     * What one short run gave.
     *
     * @param result     the loop's result: every step's loss, the epochs that ended
     * @param evaluation the test split scored after the last step
     * @param seconds    wall time of the training steps (compiling and scoring not included)
     */
    record Outcome(TrainingResult result, Evaluation evaluation, double seconds) {

        /** Mean training loss of the last {@code n} steps (fewer if the run was shorter). */
        double lastLoss(int n) {
            List<Double> losses = result.stepLosses();
            return losses.subList(Math.max(0, losses.size() - n), losses.size()).stream().mapToDouble(d -> d)
                    .average().orElse(Double.NaN);
        }

        double secondsPerStep() {
            return seconds / Math.max(1, result.stepLosses().size());
        }
    }

    /**
     * Trains {@code architecture} on {@code backendId} with {@code config}; {@code afterTraining}
     * (may be null) sees the trained network before it is closed.
     */
    static Outcome train(Architecture architecture, String backendId, TrainingConfig config, LessonData data,
            List<TrainingListener> listeners, Consumer<Network> afterTraining) {
        try (Network network = Backends.get(backendId).compile(architecture, config.networkOptions())) {
            Trainer trainer = new Trainer(network, config);
            listeners.forEach(trainer::listener);
            long start = System.nanoTime();
            TrainingResult result = trainer.fit(data.train(), data.test());
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation evaluation = result.finished() && result.lastEvaluation() != null ? result.lastEvaluation()
                    : Evaluator.evaluate(network, data.test(), config.batchSize());
            if (afterTraining != null) {
                afterTraining.accept(network);
            }
            return new Outcome(result, evaluation, seconds);
        }
    }
}

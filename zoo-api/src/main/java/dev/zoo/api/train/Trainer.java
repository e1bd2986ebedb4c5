package dev.zoo.api.train;

import dev.zoo.api.backend.Network;
import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.api.data.BatchSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The neutral training loop: pulls batches, asks the schedule for each step's learning rate, calls
 * the backend's {@code trainStep}, stops at the first non-finite input or loss, evaluates each epoch,
 * checkpoints and tells the listeners. Every backend trains through this one loop, so a recipe is
 * the same recipe everywhere.
 */
public final class Trainer {

    private final Network network;
    private final TrainingConfig config;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private CheckpointStore checkpoints;

    public Trainer(Network network, TrainingConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Trainer listener(TrainingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Checkpoints go to {@code store} at the end of each epoch, every N steps if configured, and at a step limit. */
    public Trainer checkpoints(CheckpointStore store) {
        this.checkpoints = store;
        return this;
    }

    /** Trains from the start. {@code test} may be null (then nothing is evaluated). */
    public TrainingResult fit(BatchSource train, BatchSource test) {
        return run(train, test, TrainingState.start(network.backendId(), network.architecture().name(), config.seed()),
                null);
    }

    /**
     * Restores weights and optimiser state from {@code checkpoint}, then continues from its step,
     * epoch and batch, so the rest of the run equals an uninterrupted one.
     */
    public TrainingResult resume(BatchSource train, BatchSource test, Checkpoint checkpoint) {
        TrainingState s = checkpoint.state();
        if (s.seed() != config.seed()) {
            throw new IllegalArgumentException("resume: checkpoint " + checkpoint.directory() + " was trained with seed "
                    + s.seed() + " but the config has seed " + config.seed() + "; the data order would differ");
        }
        network.importWeights(checkpoint.weights());
        network.importOptimizerState(checkpoint.optimizerState());
        return run(train, test, new TrainingState(network.backendId(), network.architecture().name(), s.step(),
                s.epoch(), s.nextBatch(), s.seed()), checkpoint.directory());
    }

    private TrainingResult run(BatchSource train, BatchSource test, TrainingState start, Path resumedFrom) {
        if (!train.itemShape().equals(network.architecture().input())) {
            throw new IllegalArgumentException("training data: items are " + train.itemShape() + " but "
                    + network.architecture().name() + " takes " + network.architecture().input());
        }
        int perEpoch = train.batchCount(config.batchSize());
        long total = config.stopStep(train.size());
        Run r = new Run(start, perEpoch, total, config.scheduledSteps(train.size()), resumedFrom);
        listeners.forEach(l -> l.onStart(config, start, total));
        try {
            TrainingResult result = r.loop(train, test);
            listeners.forEach(l -> l.onEnd(result.state(), null));
            return result;
        } catch (RuntimeException e) {
            listeners.forEach(l -> l.onEnd(r.state, e));
            throw e;
        }
    }

    /** The mutable position of one call to fit or resume. */
    private final class Run {
        private TrainingState state;
        private final int perEpoch;
        private final long total;
        private final long scheduled;
        private final List<Double> losses = new ArrayList<>();
        private final List<EpochEvent> epochs = new ArrayList<>();
        private Path lastCheckpoint;
        private long lastCheckpointStep = -1;
        private final long startNanos = System.nanoTime();
        private long images;
        private long epochStartNanos;
        private long epochStartImages;

        Run(TrainingState state, int perEpoch, long total, long scheduled, Path resumedFrom) {
            this.state = state;
            this.scheduled = scheduled;
            this.lastCheckpoint = resumedFrom;
            this.perEpoch = perEpoch;
            this.total = total;
        }

        TrainingResult loop(BatchSource train, BatchSource test) {
            int epoch = state.epoch();
            int from = state.nextBatch();
            if (from >= perEpoch) {
                epoch++;
                from = 0;
            }
            for (; epoch < config.epochs(); epoch++, from = 0) {
                if (state.step() >= total) {
                    break;
                }
                epochStartNanos = System.nanoTime();
                epochStartImages = images;
                double lossSum = 0;
                int steps = 0;
                try (BatchIterator it = train.batches(epoch, config.batchSize(), from)) {
                    for (int b = from; it.hasNext(); b++) {
                        if (state.step() >= total) {
                            save();
                            return new TrainingResult(state, losses, epochs, false);
                        }
                        lossSum += step(it.next(), epoch, b);
                        steps++;
                    }
                }
                double rate = epochImagesPerSecond();
                state = new TrainingState(state.backendId(), state.architecture(), state.step(), epoch + 1, 0, state.seed());
                Evaluation eval = config.evaluateEachEpoch() && test != null
                        ? Evaluator.evaluate(network, test, config.batchSize()) : null;
                EpochEvent event = new EpochEvent(epoch, state.step(), steps == 0 ? Double.NaN : lossSum / steps, eval,
                        (System.nanoTime() - epochStartNanos) / 1e9, rate);
                epochs.add(event);
                listeners.forEach(l -> l.onEpochEnd(event));
                save();
            }
            return new TrainingResult(state, losses, epochs, state.epoch() >= config.epochs());
        }

        /**
         * Training images per second since this epoch's first step: the measure of both the progress
         * line and the epoch line, so the last progress line of an epoch shows the epoch's figure.
         */
        private double epochImagesPerSecond() {
            return (images - epochStartImages) / Math.max((System.nanoTime() - epochStartNanos) / 1e9, 1e-9);
        }

        private double step(Batch batch, int epoch, int b) {
            long step = state.step();
            double lr = config.schedule().rate(step, scheduled);
            String last = lastCheckpoint == null ? null : lastCheckpoint.toString();
            int i = batch.firstNonFinite();
            if (i >= 0) {
                int item = batch.images().length / batch.size();
                throw NonFiniteException.input(network.backendId(), step, epoch, b, i / item, i % item,
                        batch.images()[i], last);
            }
            boolean logNorms = config.gradientNormEverySteps() > 0 && (step + 1) % config.gradientNormEverySteps() == 0;
            network.recordGradientNorms(logNorms);
            double loss = network.trainStep(batch, lr);
            if (!Double.isFinite(loss)) {
                throw NonFiniteException.loss(network.backendId(), step, epoch, b, loss, last);
            }
            losses.add(loss);
            images += batch.size();
            state = new TrainingState(state.backendId(), state.architecture(), step + 1, epoch, b + 1, state.seed());
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            long done = losses.size();
            StepEvent event = new StepEvent(step, total, epoch, b, perEpoch, loss, lr, batch.size(),
                    epochImagesPerSecond(), elapsed / done * (total - step - 1));
            listeners.forEach(l -> l.onStep(event));
            if (logNorms) {
                Map<String, Double> norms = network.lastGradientNorms();
                if (!norms.isEmpty()) {
                    listeners.forEach(l -> l.onGradientNorms(step, norms));
                }
            }
            if (config.checkpointEverySteps() > 0 && state.step() % config.checkpointEverySteps() == 0) {
                save();
            }
            return loss;
        }

        private void save() {
            if (checkpoints == null || state.step() == lastCheckpointStep) {
                return;
            }
            lastCheckpoint = checkpoints.save(state, network);
            lastCheckpointStep = state.step();
            TrainingState saved = state;
            Path where = lastCheckpoint;
            listeners.forEach(l -> l.onCheckpoint(saved, where));
        }
    }
}

package dev.zoo.api.train;

import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import java.util.Objects;

/**
 * How to train, separate from what is trained: epochs, batch size, seed, optimiser, learning-rate
 * schedule, evaluation and checkpoint cadence. The same record gives the same run on every backend.
 *
 * @param epochs                 number of passes over the training split, at least 1
 * @param batchSize              examples per optimiser step, at least 1
 * @param seed                   seed of the initial weights, the data order and the backend's own randomness
 * @param optimizer              applied natively by the backend at every step
 * @param schedule               the learning rate of each step
 * @param evaluateEachEpoch      evaluate loss, top-1 and top-5 on the test split after every epoch
 * @param checkpointEverySteps   also checkpoint every this many steps (0: only at the end of each epoch)
 * @param gradientNormEverySteps read per-tensor gradient norms every this many steps (0: never)
 * @param maxSteps               stop (with a checkpoint) after this many steps in all (0: no limit)
 * @param device                 where the network runs
 */
public record TrainingConfig(int epochs, int batchSize, long seed, Optimizer optimizer, LearningRateSchedule schedule,
        boolean evaluateEachEpoch, int checkpointEverySteps, int gradientNormEverySteps, long maxSteps, Device device) {

    /** How often {@code zoo train} logs gradient norms: every this many steps. */
    public static final int LOGGED_NORMS_EVERY_STEPS = 50;

    public TrainingConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(schedule, "schedule");
        atLeast("epochs", epochs, 1);
        atLeast("batch size", batchSize, 1);
        atLeast("checkpoint interval", checkpointEverySteps, 0);
        atLeast("gradient-norm interval", gradientNormEverySteps, 0);
        atLeast("max steps", maxSteps, 0);
    }

    /** How a backend compiles the network for this run: optimiser, seed and device, float32. */
    public NetworkOptions networkOptions() {
        return new NetworkOptions(optimizer, seed, device, Precision.FLOAT32);
    }

    /** One epoch, batch 64, seed 42, plain SGD at a constant 0.01, evaluating each epoch, on the CPU. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().epochs(epochs).batchSize(batchSize).seed(seed).optimizer(optimizer).schedule(schedule)
                .evaluateEachEpoch(evaluateEachEpoch).checkpointEverySteps(checkpointEverySteps)
                .gradientNormEverySteps(gradientNormEverySteps).maxSteps(maxSteps).device(device);
    }

    /**
     * Steps of the whole run over {@code trainSize} examples: all epochs, ignoring {@link #maxSteps},
     * so that stopping early (and resuming) does not change the learning rate of any step.
     */
    public long scheduledSteps(int trainSize) {
        return (trainSize + (long) batchSize - 1) / batchSize * epochs;
    }

    /** The step at which this call stops: {@link #scheduledSteps} or {@link #maxSteps}, whichever is first. */
    public long stopStep(int trainSize) {
        long all = scheduledSteps(trainSize);
        return maxSteps > 0 ? Math.min(all, maxSteps) : all;
    }

    private static void atLeast(String what, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("training config: " + what + " must be >= " + minimum + ", got " + value);
        }
    }

    /** Builds a {@link TrainingConfig} from defaults; every setter names one field. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 64;
        private long seed = 42;
        private Optimizer optimizer = Optimizer.Sgd.plain();
        private LearningRateSchedule schedule = new LearningRateSchedule.Constant(0.01);
        private boolean evaluateEachEpoch = true;
        private int checkpointEverySteps;
        private int gradientNormEverySteps;
        private long maxSteps;
        private Device device = Device.CPU;

        private Builder() {
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        public Builder schedule(LearningRateSchedule v) {
            schedule = v;
            return this;
        }

        public Builder evaluateEachEpoch(boolean v) {
            evaluateEachEpoch = v;
            return this;
        }

        public Builder checkpointEverySteps(int v) {
            checkpointEverySteps = v;
            return this;
        }

        public Builder gradientNormEverySteps(int v) {
            gradientNormEverySteps = v;
            return this;
        }

        public Builder maxSteps(long v) {
            maxSteps = v;
            return this;
        }

        public Builder device(Device v) {
            device = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, seed, optimizer, schedule, evaluateEachEpoch,
                    checkpointEverySteps, gradientNormEverySteps, maxSteps, device);
        }
    }
}

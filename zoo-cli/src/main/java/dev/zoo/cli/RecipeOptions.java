package dev.zoo.cli;

import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a training recipe and its data, shared by {@code zoo train} and {@code zoo compare}
 * so the same flags mean the same run on one backend or on several.
 */
final class RecipeOptions {

    /** Optimisers the commands offer. */
    enum OptimizerName { SGD, ADAM }

    /** Learning-rate schedules the commands offer. */
    enum ScheduleName { CONSTANT, STEP, COSINE }

    @Option(names = "--dataset", description = "fashion-mnist, mnist, cifar10, cifar100 or folder:PATH")
    String dataset;

    @Option(names = "--epochs", defaultValue = "3", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = {"--batch-size", "--batch"}, defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "base learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam (default: ${DEFAULT-VALUE})")
    OptimizerName optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD")
    boolean nesterov;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "L2 weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--schedule", defaultValue = "cosine",
            description = "constant, step (x0.1 at 50%% and 75%% of the steps) or cosine (default: ${DEFAULT-VALUE})")
    ScheduleName schedule;

    @Option(names = "--warmup", defaultValue = "0", description = "linear warm-up steps before the cosine decay")
    int warmup;

    @Option(names = "--limit", defaultValue = "0", description = "use at most N examples of each split (0: all)")
    int limit;

    @Option(names = "--seed", defaultValue = "42", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--augment", negatable = true, description = "random crop and flip (default: on for CIFAR)")
    Boolean augment;

    @Option(names = "--pad-to", defaultValue = "0", description = "zero-pad images to this size (0: keep)")
    int padTo;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    Device device;

    @Option(names = "--data-dir", description = "look for datasets here first")
    Path dataDir;

    /** The data these options describe; {@code --dataset} must have been given. */
    DataSettings data() {
        boolean aug = augment != null ? augment : dataset.startsWith("cifar");
        return new DataSettings(dataset, dataDir, limit, seed, aug, padTo);
    }

    /** The recipe: epochs, batch size, seed, optimiser, schedule and device (the rest at their defaults). */
    TrainingConfig.Builder config() {
        Optimizer opt = optimizer == OptimizerName.ADAM ? new Optimizer.Adam(0.9, 0.999, 1e-8, weightDecay)
                : new Optimizer.Sgd(momentum, nesterov, weightDecay);
        return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).seed(seed).optimizer(opt)
                .schedule(schedule()).device(device);
    }

    private LearningRateSchedule schedule() {
        return switch (schedule) {
            case CONSTANT -> new LearningRateSchedule.Constant(lr);
            case STEP -> LearningRateSchedule.MultiStep.classic(lr);
            case COSINE -> new LearningRateSchedule.Cosine(lr, warmup, 0);
        };
    }
}

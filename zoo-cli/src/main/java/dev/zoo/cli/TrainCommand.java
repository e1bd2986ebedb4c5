package dev.zoo.cli;

import com.google.inject.Guice;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zoo train}: trains a zoo model on a dataset and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a zoo model on a dataset; writes run.json, metrics, gradient norms, checkpoints, "
                + "weights.safetensors and report.md into the run folder.")
public final class TrainCommand implements Callable<Integer> {

    /** Optimisers the command offers. */
    enum OptimizerName { SGD, ADAM }

    /** Learning-rate schedules the command offers. */
    enum ScheduleName { CONSTANT, STEP, COSINE }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "zoo model (see zoo list), e.g. lesson_cnn")
    String model;

    @Option(names = "--dataset", description = "fashion-mnist, mnist, cifar10, cifar100 or folder:PATH")
    String dataset;

    @Option(names = "--backend", defaultValue = "djl-pytorch", description = "backend id (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--epochs", defaultValue = "3", description = "default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
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

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "also checkpoint every N steps (0: per epoch)")
    int checkpointEvery;

    @Option(names = "--max-steps", defaultValue = "0", description = "stop (with a checkpoint) after N steps; resume later")
    long maxSteps;

    @Option(names = "--out", description = "run folder (default: runs/NAME-DATASET-TIME)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its last checkpoint")
    Path resume;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    Device device;

    @Option(names = "--data-dir", description = "look for datasets here first")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ZooApp app = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class);
        List<dev.zoo.api.train.TrainingListener> bar = List.of(new ProgressBar(System.err, System.console() != null));
        TrainingOutcome result;
        if (resume != null) {
            result = app.resume(resume, maxSteps, bar);
        } else {
            result = app.train(request(), bar);
        }
        if (result.evaluation() != null) {
            w.printf(Locale.ROOT, "test: loss %.4f, top-1 %.2f%%, top-5 %.2f%% (%d images)%n", result.evaluation().loss(),
                    100 * result.evaluation().top1(), 100 * result.evaluation().top5(), result.evaluation().examples());
        }
        if (!result.result().finished()) {
            w.println("stopped at step " + result.result().state().step() + "; continue with: zoo train --resume "
                    + result.folder().path());
        }
        w.println("run folder: " + result.folder().path());
        w.flush();
        return 0;
    }

    /** The request these options describe; fails naming the option when one is missing or wrong. */
    TrainRequest request() {
        if (model == null || dataset == null) {
            throw new IllegalArgumentException("give a model NAME and --dataset (or --resume DIR)");
        }
        boolean aug = augment != null ? augment : dataset.startsWith("cifar");
        DataSettings data = new DataSettings(dataset, dataDir, limit, seed, aug, padTo);
        Optimizer opt = optimizer == OptimizerName.ADAM ? new Optimizer.Adam(0.9, 0.999, 1e-8, weightDecay)
                : new Optimizer.Sgd(momentum, nesterov, weightDecay);
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batchSize).seed(seed).optimizer(opt)
                .schedule(schedule()).checkpointEverySteps(checkpointEvery)
                .gradientNormEverySteps(50).maxSteps(maxSteps).device(device).build();
        Path folder = out != null ? out : Path.of("runs", model + "-" + dataset.replaceAll("[^A-Za-z0-9_-]", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new TrainRequest(model, backend, data, config, folder);
    }

    private LearningRateSchedule schedule() {
        return switch (schedule) {
            case CONSTANT -> new LearningRateSchedule.Constant(lr);
            case STEP -> LearningRateSchedule.MultiStep.classic(lr);
            case COSINE -> new LearningRateSchedule.Cosine(lr, warmup, 0);
        };
    }
}

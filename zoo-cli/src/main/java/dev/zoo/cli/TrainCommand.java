package dev.zoo.cli;

import com.google.inject.Guice;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ShortcutOption;
import dev.zoo.bench.report.RunHistory;
import dev.zoo.bench.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zoo train}: trains a zoo model or an architecture file on a dataset and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a zoo model or an architecture file on a dataset; writes run.json, architecture.json,"
                + " metrics, gradient norms, checkpoints, weights.safetensors, report.md and report.html (charts) into"
                + " the run folder.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "zoo model (see zoo list), e.g. lesson_cnn")
    String model;

    @Option(names = "--file", paramLabel = "FILE",
            description = "an architecture file (from 'zoo arch NAME > FILE' or written by hand) instead of NAME;"
                    + " the run folder keeps a copy")
    Path file;

    @Option(names = "--shortcut", paramLabel = "A|B",
            description = "ResNet shortcut where shapes change: A zero-pad, B projection "
                    + "(default: A for CIFAR ResNets, B for ImageNet ResNets)")
    ShortcutOption shortcut;

    @Option(names = "--head", paramLabel = "auto|imagenet|small",
            description = "stem and classifier form: auto (small below 64 px), imagenet or small (default: auto)")
    HeadOption head;

    @Mixin
    RecipeOptions recipe = new RecipeOptions();

    @Option(names = "--backend", defaultValue = "djl-pytorch", description = "backend id (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "also checkpoint every N steps (0: per epoch)")
    int checkpointEvery;

    @Option(names = "--max-steps", defaultValue = "0", description = "stop (with a checkpoint) after N steps; resume later")
    long maxSteps;

    @Option(names = "--out", description = "run folder (default: runs/NAME-DATASET-TIME)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue the run in DIR from its last checkpoint")
    Path resume;

    @Option(names = "--spark", paramLabel = "MASTER", description = "train data-parallel on Spark: local[2] (embedded,"
            + " two workers), spark://host:7077, yarn, k8s://...; --batch-size is then the batch of one step over all workers")
    String sparkMaster;

    @Option(names = "--workers", defaultValue = "0", description = "with --spark: tasks per round (default: Spark's"
            + " default parallelism, 2 for local[2])")
    int workers;

    @Option(names = "--sync-every", defaultValue = "1", paramLabel = "K", description = "with --spark: local steps"
            + " between averages (1: every step, equal to one process; K > 1: local SGD, approximate)")
    int syncEvery;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        ZooApp app = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class);
        List<dev.zoo.api.train.TrainingListener> bar = List.of(new ProgressBar(System.err, System.console() != null));
        TrainingOutcome result;
        if (resume != null) {
            result = app.resume(resume, maxSteps, sparkMaster, bar);
        } else {
            result = app.train(request(), spark(), bar);
        }
        if (result.evaluation() != null) {
            w.printf(Locale.ROOT, "test: loss %.4f, top-1 %.2f%%, top-5 %.2f%% (%d images)%n", result.evaluation().loss(),
                    100 * result.evaluation().top1(), 100 * result.evaluation().top5(), result.evaluation().examples());
        }
        if (!result.result().finished()) {
            w.println("stopped at step " + result.result().state().step() + "; continue with: zoo train --resume "
                    + result.folder().path());
        }
        RunReport.write(List.of(RunHistory.read(result.folder().path())), result.folder().path().resolve("report.html"));
        w.println("run folder: " + result.folder().path());
        w.flush();
        return 0;
    }

    /** Where to train: null for this process, else the Spark master and how to spread the run. */
    SparkRequest spark() {
        if (sparkMaster == null) {
            if (workers != 0 || syncEvery != 1) {
                throw new IllegalArgumentException("--workers and --sync-every need --spark MASTER");
            }
            return null;
        }
        return new SparkRequest(sparkMaster, workers, syncEvery);
    }

    /** The request these options describe; fails naming the option when one is missing or wrong. */
    TrainRequest request() {
        if ((model == null && file == null) || recipe.dataset == null) {
            throw new IllegalArgumentException("give a model NAME (or --file FILE) and --dataset (or --resume DIR)");
        }
        ModelChoice choice = new ModelChoice(model, file, shortcut, head);
        String label = model != null ? model : file.getFileName().toString().replaceFirst("\\.json$", "");
        TrainingConfig config = recipe.config().checkpointEverySteps(checkpointEvery).gradientNormEverySteps(TrainingConfig.LOGGED_NORMS_EVERY_STEPS)
                .maxSteps(maxSteps).build();
        Path folder = out != null ? out : Path.of("runs", label + "-" + recipe.dataset.replaceAll("[^A-Za-z0-9_-]", "_")
                + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new TrainRequest(choice, backend, recipe.data(), config, folder);
    }
}

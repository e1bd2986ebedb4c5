package dev.zoo.cli;

import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.bench.compare.CompareData;
import dev.zoo.bench.compare.CompareEngine;
import dev.zoo.bench.compare.CompareRequest;
import dev.zoo.bench.compare.Comparison;
import dev.zoo.bench.compare.ComparisonReport;
import dev.zoo.bench.compare.CrossEvaluation;
import dev.zoo.bench.compare.RunFigures;
import dev.zoo.bench.compare.SpeedCompare;
import dev.zoo.bench.compare.SpeedPlan;
import dev.zoo.bench.compare.SpeedTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo compare}: one recipe on several backends, each in its own JVM, and a report of the figures. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Train the same recipe (seed, data order, learning rate of every step, initial weights) on"
                + " several backends, each in its own JVM, and write report.html, report.md, summary.json and"
                + " summary.csv with accuracy per epoch, training and evaluation images/s, peak memory and the"
                + " cross-evaluation of every backend's final weights on every backend into --out.",
            "With --speed-only: training images/s on synthetic batches, no dataset, timed in rounds that alternate"
                + " between backends."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MODEL", description = "zoo models (see zoo list), e.g. resnet20 lesson_cnn")
    List<String> models;

    @Option(names = "--backends", split = ",", defaultValue = "djl-pytorch,djl-mxnet,dl4j",
            description = "backend ids, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> backends;

    @Mixin
    RecipeOptions recipe = new RecipeOptions();

    @Option(names = "--out", paramLabel = "DIR",
            description = "the comparison folder to create (new or empty); optional with --speed-only")
    Path out;

    @Option(names = "--speed-only", description = "throughput on synthetic batches only, no dataset")
    boolean speedOnly;

    @Option(names = "--input", paramLabel = "CxHxW", converter = ShapeConverter.class,
            description = "--speed-only: shape of one example (default: the model's own)")
    Shape input;

    @Option(names = "--rounds", defaultValue = "6", description = "--speed-only: timed rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--round-steps", defaultValue = "5",
            description = "--speed-only: steps per round (default: ${DEFAULT-VALUE})")
    int roundSteps;

    @Option(names = "--processes", defaultValue = "2",
            description = "--speed-only: processes per runner, whose rounds are pooled (default: ${DEFAULT-VALUE});"
                    + " a kernel's speed can depend on where its buffers land in memory, decided once per process")
    int processes;

    @Option(names = "--warmup-steps", defaultValue = "3",
            description = "--speed-only: untimed steps first (default: ${DEFAULT-VALUE})")
    int warmupSteps;

    @Option(names = "--settle-steps", defaultValue = "" + SpeedPlan.SETTLE_STEPS,
            description = "--speed-only: untimed steps in each process before each timed round, after the others"
                    + " had the cores (default: ${DEFAULT-VALUE})")
    int settleSteps;

    @Override
    public Integer call() {
        return speedOnly ? speed() : compare();
    }

    private int compare() {
        if (recipe.dataset == null) {
            throw new IllegalArgumentException("give --dataset (or --speed-only for synthetic batches)");
        }
        if (out == null) {
            throw new IllegalArgumentException("give --out DIR, the comparison folder to create");
        }
        DataSettings d = recipe.data();
        CompareRequest request = new CompareRequest(models, backends, new CompareData(d.dataset(),
                d.dataDir() == null ? null : d.dataDir().toString(), d.limit(), d.seed(), d.augment(), d.padTo()),
                recipe.config().build(), out);
        PrintWriter err = spec.commandLine().getErr();
        Comparison c = new CompareEngine(line -> {
            err.println(line);
            err.flush();
        }).run(request);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%-12s %-12s %8s %14s %22s %12s%n", "MODEL", "BACKEND", "TOP-1", "TRAIN IMG/S",
                "(SLOWEST-FASTEST)", "PEAK RSS MB");
        for (RunFigures r : c.runs()) {
            if (r.ok()) {
                w.printf(Locale.ROOT, "%-12s %-12s %7.2f%% %,14.0f %22s %,12.0f%n", r.model(), r.backend(),
                        100 * r.top1(), r.trainImagesPerSecond().median(), String.format(Locale.ROOT, "(%,.0f-%,.0f)",
                                r.trainImagesPerSecond().min(), r.trainImagesPerSecond().max()), r.peakRssMb());
            } else {
                w.printf(Locale.ROOT, "%-12s %-12s failed: %s%n", r.model(), r.backend(), r.error());
            }
        }
        for (String model : c.models()) {
            List<CrossEvaluation> cells = c.crossEvaluations().stream().filter(x -> x.model().equals(model)).toList();
            if (!cells.isEmpty()) {
                double worst = 0;
                for (String from : c.backends()) {
                    double lo = cells.stream().filter(x -> x.weightsFrom().equals(from)).mapToDouble(x -> 100 * x.top1())
                            .min().orElse(0);
                    double hi = cells.stream().filter(x -> x.weightsFrom().equals(from)).mapToDouble(x -> 100 * x.top1())
                            .max().orElse(0);
                    worst = Math.max(worst, hi - lo);
                }
                w.printf(Locale.ROOT, "cross-evaluation %s: %d cells, the same weights differ by at most %.2f points"
                        + " of top-1 across backends%n", model, cells.size(), worst);
            }
        }
        w.printf(Locale.ROOT, "%.1f s in all; report: %s%n", c.seconds(), out.resolve("report.html"));
        w.flush();
        List<String> failed = new java.util.ArrayList<>(c.runs().stream().filter(r -> !r.ok())
                .map(r -> r.backend() + " failed on " + r.model() + ": " + r.error()).toList());
        failed.addAll(c.problems());
        if (!failed.isEmpty()) {
            err.println(spec.qualifiedName() + ": " + String.join("; ", failed) + "; the report shows the rest: "
                    + out.resolve("report.html"));
            err.flush();
            return UserErrorHandler.USER_ERROR;
        }
        return 0;
    }

    private int speed() {
        if (models.size() != 1) {
            throw new IllegalArgumentException("--speed-only times one model at a time, got " + models.size() + ": "
                    + models);
        }
        String model = models.get(0);
        Shape shape = input != null ? input : ModelZoo.entry(model).defaultInput();
        PrintWriter err = spec.commandLine().getErr();
        SpeedCompare speed = new SpeedCompare(line -> {
            err.println(line);
            err.flush();
        });
        SpeedPlan plan = new SpeedPlan(recipe.batchSize, warmupSteps, rounds, roundSteps, processes, settleSteps);
        SpeedTable t = out == null ? speed.run(model, shape, backends, plan) : speed.run(model, shape, backends, plan, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%s training and inference on synthetic batches of %d x %s; %s%n", t.model(), t.batch(),
                t.input(), t.method());
        w.printf(Locale.ROOT, "%-24s %10s %22s %19s %19s %12s %14s%n", "RUNNER", "IMAGES/S", "(SLOWEST-FASTEST)",
                "/ " + SpeedCompare.REFERENCE, "/ HAND-WRITTEN", "PEAK RSS MB", "INFERENCE/S");
        for (SpeedTable.SpeedRow r : t.rows()) {
            if (r.error() != null) {
                w.printf(Locale.ROOT, "%-24s failed: %s%n", r.runner(), r.error());
                continue;
            }
            w.printf(Locale.ROOT, "%-24s %,10.0f %22s %19s %19s %,12.0f %14s%n", r.runner(), r.imagesPerSecond().median(),
                    String.format(Locale.ROOT, "(%,.0f-%,.0f)", r.imagesPerSecond().min(), r.imagesPerSecond().max()),
                    ComparisonReport.ratio(r.toReference()), ComparisonReport.ratio(r.toHandWritten()),
                    r.peakRssMb() == null ? Double.NaN : r.peakRssMb(), r.inferenceImagesPerSecond() == null ? ""
                            : String.format(Locale.ROOT, "%,.0f", r.inferenceImagesPerSecond().median()));
        }
        if (out != null) {
            w.println("report: " + out.resolve("report.html"));
        }
        w.flush();
        return t.rows().stream().anyMatch(r -> r.error() != null) ? UserErrorHandler.USER_ERROR : 0;
    }
}

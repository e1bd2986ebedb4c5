package dev.zoo.examples;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.io.AtomicFiles;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterRole;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.bench.report.ChartStyle;
import dev.zoo.bench.report.LayerNormChart;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 3, the heart of it: a plain deep stack ({@code plainN}) against its residual twin
 * ({@code resnetN}), which has exactly the same layers, parameters and MACs plus the skip
 * connections, trained with the same recipe, the same initial weights and the same batches. Prints
 * the gradient norm of every weight layer over the first steps and both training-loss curves, then
 * says what was measured. He et al. 2015 (https://arxiv.org/abs/1512.03385), Fig. 1 and section 4.2.
 */
@Command(name = "VanishingGradients", mixinStandardHelpOptions = true,
        description = "Train plainN and resnetN with one recipe; compare per-layer gradient norms and loss curves.")
public final class VanishingGradients implements Callable<Integer> {

    @Mixin
    LessonOptions common = new LessonOptions();

    @Option(names = "--depth", defaultValue = "20", description = "20, 32, 44, 56 or 110 (default: ${DEFAULT-VALUE})")
    int depth = 20;

    @Option(names = "--steps", defaultValue = "40", description = "training steps of each network (default: ${DEFAULT-VALUE})")
    int steps = 40;

    @Option(names = "--batch", defaultValue = "32", description = "images per step (default: ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--lr", defaultValue = "0.1", description = "SGD learning rate, the paper's (default: ${DEFAULT-VALUE})")
    double learningRate = 0.1;

    @Option(names = "--norm-steps", defaultValue = "5", description = "first steps whose gradient norms are averaged (default: ${DEFAULT-VALUE})")
    int normSteps = 5;

    @Option(names = "--limit", defaultValue = "0", description = "training images to use, 0 for steps x batch (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--test-limit", defaultValue = "500", description = "test images to score on (default: ${DEFAULT-VALUE})")
    int testLimit = 500;

    @Option(names = "--chart", paramLabel = "FILE",
            description = "where to draw the gradient norm by layer of both nets as a PNG (default: vanishing-gradients-depthN.png)")
    Path chart;

    /** One of the two networks: its name, the gradient norms of its first steps and its run. */
    record Arm(String model, GradientNormRecorder norms, ShortRun.Outcome outcome) {
    }

    /**
     * What the lesson measured.
     *
     * @param weightTensors the conv and dense weight tensors, input to output (the same names in both nets)
     */
    record Result(Arm plain, Arm residual, List<String> weightTensors) {

        /** Mean gradient norm of the first weight layer over that of the last convolution, per net. */
        double earlyToLate(Arm arm) {
            return arm.norms().mean(weightTensors.get(0)) / arm.norms().mean(weightTensors.get(weightTensors.size() - 2));
        }
    }

    public static void main(String[] args) {
        System.exit(LessonLauncher.execute(new VanishingGradients(), args));
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Runs the lesson, printing to {@code out}. */
    Result run(PrintStream out) {
        LessonLauncher.atLeast("--steps", steps, 1);
        LessonLauncher.atLeast("--batch", batch, 1);
        LessonLauncher.atLeast("--norm-steps", normSteps, 1);
        LessonData data = LessonData.open(common, limit > 0 ? limit : steps * batch, testLimit);
        out.println("Data: " + data.description());
        ZooOptions shape = ZooOptions.of(data.itemShape(), data.classes());
        Architecture plain = ModelZoo.build("plain" + depth, shape);
        Architecture residual = ModelZoo.build("resnet" + depth, shape);
        Summary ps = Summary.of(plain);
        Summary rs = Summary.of(residual);
        out.printf(Locale.ROOT, "%s: depth %d, %,d parameters, %,d MACs%n%s: depth %d, %,d parameters, %,d MACs "
                + "(the skip connections are free)%n", plain.name(), ps.depth(), ps.totalParams(), ps.macs(),
                residual.name(), rs.depth(), rs.totalParams(), rs.macs());

        // The paper's CIFAR recipe (SGD, momentum 0.9, weight decay 1e-4, lr 0.1), cut short; both nets
        // start from the same seeded weights and see the same batches in the same order.
        TrainingConfig config = TrainingConfig.builder().epochs(Integer.MAX_VALUE / 2).batchSize(batch)
                .seed(common.seed()).optimizer(new Optimizer.Sgd(0.9, false, 1e-4))
                .schedule(new LearningRateSchedule.Constant(learningRate)).evaluateEachEpoch(false)
                .gradientNormEverySteps(1).maxSteps(steps).build();
        out.printf(Locale.ROOT, "Recipe: %d steps of batch %d on %s, SGD momentum 0.9, weight decay 1e-4, lr %s%n%n", steps,
                batch, common.backend(), learningRate);
        Arm p = train(plain, config, data, out);
        Arm r = train(residual, config, data, out);
        List<String> weights = plain.parameters().stream()
                .filter(s -> s.role() == ParameterRole.CONV_WEIGHT || s.role() == ParameterRole.DENSE_WEIGHT)
                .map(ParameterSpec::name).toList();
        Result result = new Result(p, r, weights);
        if (p.norms().byStep().isEmpty() || r.norms().byStep().isEmpty()) {
            out.println("The backend " + common.backend() + " reports no gradient norms; only the loss curves are compared.");
        } else {
            printNorms(result, out);
            drawNorms(result, out);
        }
        printCurves(result, out);
        printVerdict(result, out);
        return result;
    }

    private Arm train(Architecture architecture, TrainingConfig config, LessonData data, PrintStream out) {
        out.printf(Locale.ROOT, "training %s ...%n", architecture.name());
        GradientNormRecorder norms = new GradientNormRecorder(normSteps);
        ShortRun.Outcome outcome = ShortRun.train(architecture, common.backend(), config, data,
                List.of(norms, new StepProgress(out, config.maxSteps())), null);
        out.printf(Locale.ROOT, "  %d steps in %.1f s (%.2f s/step), test accuracy %.2f%% on %d images%n",
                outcome.result().stepLosses().size(), outcome.seconds(), outcome.secondsPerStep(),
                100 * outcome.evaluation().top1(), outcome.evaluation().examples());
        return new Arm(architecture.name(), norms, outcome);
    }

    private void printNorms(Result r, PrintStream out) {
        out.printf(Locale.ROOT, "%nGradient L2 norm of each weight layer, input to output (step 1, and the mean of steps 1-%d)%n",
                r.plain().norms().byStep().size());
        out.printf(Locale.ROOT, "%-28s %12s %12s %12s %12s%n", "tensor", r.plain().model() + "@1",
                r.residual().model() + "@1", r.plain().model(), r.residual().model());
        for (String t : r.weightTensors()) {
            out.printf(Locale.ROOT, "%-28s %12.4g %12.4g %12.4g %12.4g%n", t, first(r.plain(), t), first(r.residual(), t),
                    r.plain().norms().mean(t), r.residual().norms().mean(t));
        }
        int third = Math.max(1, (r.weightTensors().size() - 1) / 3);
        List<String> early = r.weightTensors().subList(0, third);
        List<String> late = r.weightTensors().subList(r.weightTensors().size() - 1 - third, r.weightTensors().size() - 1);
        out.printf(Locale.ROOT, "%nfirst third of the layers over the last third (geometric means): %s %.3f, %s %.3f%n",
                r.plain().model(), r.plain().norms().geometricMean(early) / r.plain().norms().geometricMean(late),
                r.residual().model(), r.residual().norms().geometricMean(early) / r.residual().norms().geometricMean(late));
        out.printf(Locale.ROOT, "first layer over last convolution: %s %.3f, %s %.3f%n", r.plain().model(),
                r.earlyToLate(r.plain()), r.residual().model(), r.earlyToLate(r.residual()));
    }

    /** The lesson's claim as a picture: both nets' mean gradient norm by layer, input to output, log scale. */
    private void drawNorms(Result r, PrintStream out) {
        Path file = chart != null ? chart : Path.of("vanishing-gradients-depth" + depth + ".png");
        Map<String, List<Double>> byLayer = new LinkedHashMap<>();
        for (Arm arm : List.of(r.plain(), r.residual())) {
            byLayer.put(arm.model(), r.weightTensors().stream().map(t -> arm.norms().mean(t)).toList());
        }
        JFreeChart c = LayerNormChart.of(String.format(Locale.ROOT, "Gradient norm by layer, mean of steps 1-%d: %s vs %s",
                r.plain().norms().byStep().size(), r.plain().model(), r.residual().model()), byLayer);
        try {
            AtomicFiles.write(file, ChartStyle.png(c));
        } catch (IOException e) {
            throw new UncheckedIOException("--chart " + file + ": cannot write it: " + e.getMessage(), e);
        }
        out.println("Chart of the gradient norms by layer: " + file);
    }

    private static double first(Arm arm, String tensor) {
        Map<String, Double> step1 = arm.norms().byStep().get(0L);
        return step1 == null ? Double.NaN : step1.getOrDefault(tensor, Double.NaN);
    }

    private void printCurves(Result r, PrintStream out) {
        List<Double> pl = r.plain().outcome().result().stepLosses();
        List<Double> rl = r.residual().outcome().result().stepLosses();
        int n = Math.min(pl.size(), rl.size());
        int window = Math.max(1, n / 10);
        out.printf(Locale.ROOT, "%nTraining loss (mean over each window of %d steps)%n%-12s %10s %10s%n", window, "steps",
                r.plain().model(), r.residual().model());
        for (int from = 0; from < n; from += window) {
            int to = Math.min(n, from + window);
            out.printf(Locale.ROOT, "%-12s %10.4f %10.4f%n", (from + 1) + "-" + to, mean(pl, from, to), mean(rl, from, to));
        }
    }

    private static double mean(List<Double> values, int from, int to) {
        return values.subList(from, to).stream().mapToDouble(d -> d).average().orElse(Double.NaN);
    }

    /** Reads the two early-to-late ratios: a factor of 2 either way counts as a gap. */
    static String balance(double plain, double residual) {
        if (plain < residual / 2) {
            return String.format(Locale.ROOT, "the plain net's early layers get %.1fx less gradient (vanishing).", residual / plain);
        }
        if (plain > residual * 2) {
            return String.format(Locale.ROOT, "the plain net's gradients grow %.1fx more towards the input (exploding, as batch "
                    + "norm in deep plain stacks does at initialisation); the skip connections keep the layers in balance.",
                    plain / residual);
        }
        return "no gap at this depth and scale (batch norm keeps the plain net's gradients healthy, as He et al. "
                + "report in section 4.1).";
    }

    /** States what the numbers show, whichever way they fall. */
    private void printVerdict(Result r, PrintStream out) {
        int window = Math.max(1, steps / 10);
        double plainLoss = r.plain().outcome().lastLoss(window);
        double residualLoss = r.residual().outcome().lastLoss(window);
        out.printf(Locale.ROOT, "%nMeasured: after %d steps the training loss is %.4f for %s and %.4f for %s; test accuracy "
                + "%.2f%% vs %.2f%%.%n", steps, plainLoss, r.plain().model(), residualLoss, r.residual().model(),
                100 * r.plain().outcome().evaluation().top1(), 100 * r.residual().outcome().evaluation().top1());
        if (!r.plain().norms().byStep().isEmpty() && !r.residual().norms().byStep().isEmpty()) {
            double pe = r.earlyToLate(r.plain());
            double re = r.earlyToLate(r.residual());
            out.printf(Locale.ROOT, "First-layer gradients relative to the last convolution's: %.3f in %s, %.3f in %s: %s%n", pe,
                    r.plain().model(), re, r.residual().model(), balance(pe, re));
        }
        out.println(plainLoss > residualLoss * 1.05 ? "The plain net trains more slowly than its residual twin."
                : "In this short run the plain net is not behind its residual twin; the paper's gap appears with depth"
                        + (depth < 56 ? " (try --depth 56)" : "") + " and over long runs (see the README).");
    }
}

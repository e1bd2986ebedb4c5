package dev.zoo.examples;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 2: AlexNet (ReLU, dropout, overlapping pooling), VGG (deep stacks of 3x3 convolutions)
 * and ResNet (batch norm, skip connections) side by side. First their ImageNet forms' depth,
 * parameters and MACs with the design traits counted from each spec; then their small-image forms
 * trained with one recipe for a short run on the chosen backend.
 */
@Command(name = "ClassicNetworks", mixinStandardHelpOptions = true,
        description = "AlexNet, VGG and ResNet side by side: sizes and traits, then a short training comparison.")
public final class ClassicNetworks implements Callable<Integer> {

    @Mixin
    LessonOptions common = new LessonOptions();

    @Option(names = "--compare", split = ",", defaultValue = "alexnet,vgg11,vgg16,vgg19,resnet18,resnet34,resnet50,resnet152",
            description = "models whose ImageNet forms (3x224x224, 1000 classes) are compared (default: ${DEFAULT-VALUE})")
    List<String> compare = List.of("alexnet", "vgg11", "vgg16", "vgg19", "resnet18", "resnet34", "resnet50", "resnet152");

    @Option(names = "--train", split = ",", defaultValue = "alexnet,vgg11,resnet20",
            description = "models trained in their small-image form on the dataset; empty to skip (default: ${DEFAULT-VALUE})")
    List<String> train = List.of("alexnet", "vgg11", "resnet20");

    @Option(names = "--steps", defaultValue = "30", description = "training steps of each model (default: ${DEFAULT-VALUE})")
    int steps = 30;

    @Option(names = "--batch", defaultValue = "32", description = "images per step (default: ${DEFAULT-VALUE})")
    int batch = 32;

    @Option(names = "--lr", defaultValue = "0.01", description = "SGD learning rate (default: ${DEFAULT-VALUE})")
    double learningRate = 0.01;

    @Option(names = "--test-limit", defaultValue = "500", description = "test images to score on (default: ${DEFAULT-VALUE})")
    int testLimit = 500;

    /** One model's ImageNet-form numbers and traits. */
    record Row(Summary summary, ArchitectureTraits traits) {
    }

    /** One model's short training run in its small-image form. */
    record Trained(Summary summary, ShortRun.Outcome outcome) {
    }

    /** What the lesson measured. */
    record Result(List<Row> imagenet, List<Trained> trained) {
    }

    public static void main(String[] args) {
        System.exit(LessonLauncher.execute(new ClassicNetworks(), args));
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Runs the lesson, printing to {@code out}. */
    Result run(PrintStream out) {
        List<Row> rows = new ArrayList<>();
        for (String name : compare) {
            Architecture a = ModelZoo.build(name, ZooOptions.of(Shape.chw(3, 224, 224), 1000));
            rows.add(new Row(Summary.of(a), ArchitectureTraits.of(a)));
        }
        out.println("ImageNet forms (3x224x224, 1000 classes); traits counted in each spec:");
        printTable(rows, out);
        out.println();
        out.println("AlexNet: ReLU after every layer, dropout before its two big dense layers, 3x3 pools of stride 2 (overlapping).");
        out.println("VGG: only 3x3 convolutions, stacked 2-4 deep between pools. ResNet: batch norm, and a skip connection "
                + "around every block of two (or three) convolutions.");

        List<Trained> trained = new ArrayList<>();
        if (!train.isEmpty() && !(train.size() == 1 && train.get(0).isBlank())) {
            trained = trainSmallForms(out);
        }
        return new Result(rows, trained);
    }

    private List<Trained> trainSmallForms(PrintStream out) {
        LessonLauncher.atLeast("--steps", steps, 1);
        LessonLauncher.atLeast("--batch", batch, 1);
        LessonData data = LessonData.open(common, steps * batch, testLimit);
        out.printf(Locale.ROOT, "%nSmall-image forms on %s%n", data.description());
        List<Architecture> models = train.stream()
                .map(n -> ModelZoo.build(n, ZooOptions.of(data.itemShape(), data.classes()))).toList();
        List<Row> small = models.stream().map(a -> new Row(Summary.of(a), ArchitectureTraits.of(a))).toList();
        printTable(small, out);
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(batch).seed(common.seed())
                .optimizer(new Optimizer.Sgd(0.9, false, 5e-4)).schedule(new LearningRateSchedule.Constant(learningRate))
                .evaluateEachEpoch(false).build();
        out.printf(Locale.ROOT, "%nSame recipe for each: %d steps of batch %d on %s, SGD momentum 0.9, weight decay 5e-4, "
                + "lr %s, same seed and batches%n", steps, batch, common.backend(), learningRate);
        List<Trained> trained = new ArrayList<>();
        for (Architecture a : models) {
            out.printf(Locale.ROOT, "training %s ...%n", a.name());
            ShortRun.Outcome o = ShortRun.train(a, common.backend(), config, data, List.of(new StepProgress(out, steps)),
                    null);
            trained.add(new Trained(Summary.of(a), o));
        }
        int window = Math.max(1, steps / 5);
        out.printf(Locale.ROOT, "%n%-10s %6s %9s %12s %12s %10s%n", "MODEL", "STEPS", "S/STEP", "LOSS(FIRST)", "LOSS(LAST)",
                "TEST ACC");
        for (Trained t : trained) {
            List<Double> losses = t.outcome().result().stepLosses();
            double firstLoss = losses.subList(0, Math.min(window, losses.size())).stream().mapToDouble(d -> d).average()
                    .orElse(Double.NaN);
            out.printf(Locale.ROOT, "%-10s %6d %9.2f %12.4f %12.4f %9.2f%%%n", t.summary().name(), losses.size(),
                    t.outcome().secondsPerStep(), firstLoss, t.outcome().lastLoss(window),
                    100 * t.outcome().evaluation().top1());
        }
        out.printf(Locale.ROOT, "(loss: mean of the first and of the last %d steps; accuracy on %d test images)%n", window,
                data.test().size());
        return trained;
    }

    private static void printTable(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-10s %-9s %5s %13s %16s %5s %7s %8s %9s %4s %8s%n", "MODEL", "INPUT", "DEPTH", "PARAMS",
                "MACS", "RELU", "DROPOUT", "OVERLAP", "3x3/CONV", "BN", "RESIDUAL");
        for (Row r : rows) {
            Summary s = r.summary();
            ArchitectureTraits t = r.traits();
            out.printf(Locale.ROOT, "%-10s %-9s %5d %,13d %,16d %5d %7d %8d %9s %4d %8d%n", s.name(), s.input(), s.depth(),
                    s.totalParams(), s.macs(), t.relus(), t.dropouts(), t.overlappingPools(), t.convs3x3() + "/" + t.convs(),
                    t.batchNorms(), t.residualBlocks());
        }
    }
}

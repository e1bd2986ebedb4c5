package dev.zoo.examples;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.summary.SummaryTable;
import dev.zoo.api.train.Classifier;
import dev.zoo.api.train.EpochEvent;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.Prediction;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1: the small Keras network of the lesson ({@code lesson_cnn}: two 3x3 convolutions with
 * 2x2 max-pooling, a 256-unit dense layer, a softmax over the classes) trained on real images.
 * Prints the Keras-style summary, the test accuracy after every epoch and what the trained network
 * says about a few test images, by class name.
 */
@Command(name = "LessonCnn", mixinStandardHelpOptions = true,
        description = "Train the lesson's small CNN on Fashion-MNIST (or CIFAR) and show what it predicts.")
public final class LessonCnn implements Callable<Integer> {

    @Mixin
    LessonOptions common = new LessonOptions();

    @Option(names = "--epochs", defaultValue = "3", description = "passes over the training images (default: ${DEFAULT-VALUE})")
    int epochs = 3;

    @Option(names = "--limit", defaultValue = "12000",
            description = "training images to use, 0 for all 60,000 (default: ${DEFAULT-VALUE})")
    int limit = 12000;

    @Option(names = "--test-limit", defaultValue = "2000", description = "test images to score on, 0 for all (default: ${DEFAULT-VALUE})")
    int testLimit = 2000;

    @Option(names = "--batch", defaultValue = "64", description = "images per step (default: ${DEFAULT-VALUE})")
    int batch = 64;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate, Keras' default (default: ${DEFAULT-VALUE})")
    double learningRate = 0.001;

    @Option(names = "--show", defaultValue = "8", description = "test images whose predictions are printed (default: ${DEFAULT-VALUE})")
    int show = 8;

    /**
     * What the lesson measured.
     *
     * @param summary     the network's layers, parameters and MACs
     * @param epochs      one event per epoch, with its test evaluation
     * @param predictions the shown test images: true class and the top predictions
     */
    public record Result(Summary summary, List<EpochEvent> epochs, List<ShownImage> predictions) {
    }

    /** One test image the lesson shows: its true class and the network's three best guesses. */
    public record ShownImage(String trueClass, List<Prediction> top) {
    }

    public static void main(String[] args) {
        System.exit(LessonLauncher.execute(new LessonCnn(), args));
    }

    @Override
    public Integer call() {
        run(System.out);
        return 0;
    }

    /** Runs the lesson, printing to {@code out}. */
    public Result run(PrintStream out) {
        LessonLauncher.atLeast("--epochs", epochs, 1);
        LessonLauncher.atLeast("--batch", batch, 1);
        LessonData data = LessonData.open(common, limit, testLimit);
        out.println("Data: " + data.description());
        // The same builder the zoo uses everywhere: the input shape comes from the data, so the network
        // takes 1x28x28 Fashion-MNIST or 3x32x32 CIFAR without change.
        Architecture architecture = ModelZoo.build("lesson_cnn", ZooOptions.of(data.itemShape(), data.classes()));
        Summary summary = Summary.of(architecture);
        out.println(SummaryTable.render(summary));

        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(batch).seed(common.seed())
                .optimizer(Optimizer.Adam.defaults()).schedule(new LearningRateSchedule.Constant(learningRate))
                .evaluateEachEpoch(true).build();
        out.printf(Locale.ROOT, "Training on %s: %d epochs, batch %d, Adam lr %s%n", common.backend(), epochs, batch,
                learningRate);
        TrainingListener perEpoch = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                out.printf(Locale.ROOT, "epoch %d  train loss %.4f  test loss %.4f  test accuracy %.2f%%  (%.1f s, %.0f images/s)%n",
                        e.epoch() + 1, e.trainLoss(), e.evaluation().loss(), 100 * e.evaluation().top1(), e.seconds(),
                        e.imagesPerSecond());
            }
        };
        List<ShownImage> shown = new ArrayList<>();
        ShortRun.Outcome outcome = ShortRun.train(architecture, common.backend(), config, data, List.of(perEpoch),
                network -> shown.addAll(predict(new Classifier(network, data.classNames()), data)));

        out.println();
        out.println("What the trained network sees in the first " + shown.size() + " test images:");
        for (ShownImage s : shown) {
            Prediction best = s.top().get(0);
            out.printf(Locale.ROOT, "  %-6s %-12s -> %-12s %5.1f%%   next: %s%n", best.name().equals(s.trueClass()) ? "right" : "WRONG",
                    s.trueClass(), best.name(), 100 * best.probability(), s.top().subList(1, s.top().size()).stream()
                            .map(p -> String.format(Locale.ROOT, "%s %.1f%%", p.name(), 100 * p.probability())).toList());
        }
        return new Result(summary, outcome.result().epochs(), shown);
    }

    /** The top three classes of the first {@link #show} test images. (The classifier does not own the network here.) */
    private List<ShownImage> predict(Classifier classifier, LessonData data) {
        List<ShownImage> out = new ArrayList<>();
        try (BatchIterator it = data.test().batches(0, Math.max(1, show), 0)) {
            if (!it.hasNext()) {
                return out;
            }
            Batch b = it.next();
            int item = (int) data.itemShape().size();
            for (int i = 0; i < Math.min(show, b.size()); i++) {
                float[] image = Arrays.copyOfRange(b.images(), i * item, (i + 1) * item);
                out.add(new ShownImage(data.classNames().get(b.labels()[i]), classifier.classify(image, 3)));
            }
        }
        return out;
    }
}

package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.util.Modules;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.ArrayBatchSource;
import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.train.RunFolder;
import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.Prediction;
import dev.zoo.api.train.SoftmaxRegressionBackend;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application wired by Guice, with the reference backend and in-memory data swapped in. */
class ZooAppTest {

    @TempDir
    Path dir;

    /** Serves the reference backend's data; images are read grey at 2x2 and scaled to [0, 1]. */
    static final class TestData implements DatasetOpener {
        @Override
        public OpenedData open(DataSettings s) {
            ArrayBatchSource data = SoftmaxRegressionBackend.data(s.seed(), true);
            return new OpenedData(data, SoftmaxRegressionBackend.data(s.seed(), false), file -> {
                byte[] b = ImageFiles.read(file, Shape.chw(1, 2, 2));
                float[] x = new float[b.length];
                for (int i = 0; i < b.length; i++) {
                    x[i] = (b[i] & 0xff) / 255f;
                }
                return x;
            });
        }
    }

    static ZooApp app() {
        return app((name, options) -> SoftmaxRegressionBackend.architecture());
    }

    static ZooApp app(ModelBuilder models) {
        return Guice.createInjector(Modules.override(new ZooModule()).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(DatasetOpener.class).to(TestData.class);
                bind(BackendFinder.class).toInstance(id -> new SoftmaxRegressionBackend());
                bind(ModelBuilder.class).toInstance(models);
            }
        })).getInstance(ZooApp.class);
    }

    /** An application whose zoo knows no model: whatever it opens must come from the run folder. */
    static ZooApp appWithoutZoo() {
        return app((name, options) -> {
            throw new AssertionError("the zoo was asked for '" + name + "'; the run folder should have answered");
        });
    }

    private TrainRequest request(Path out, long maxSteps) {
        return request(ModelChoice.zoo("softmax"), out, maxSteps);
    }

    private static TrainRequest request(ModelChoice model, Path out, long maxSteps) {
        TrainingConfig c = TrainingConfig.builder().epochs(4).batchSize(4).seed(3).maxSteps(maxSteps)
                .optimizer(new Optimizer.Sgd(0.9, true, 0)).schedule(new LearningRateSchedule.Cosine(0.2, 2, 0)).build();
        return new TrainRequest(model, SoftmaxRegressionBackend.ID, new DataSettings("synthetic", null, 0, 3, false, 0),
                c, out);
    }

    @Test
    void aRunTrainedFromAFileEvaluatesPredictsAndResumesAfterTheFileIsDeleted() throws Exception {
        Path file = dir.resolve("my-net.json");
        ArchitectureJson.write(SoftmaxRegressionBackend.architecture(), file);
        Path run = dir.resolve("run");
        TrainingOutcome first = app().train(request(ModelChoice.file(file), run, 5), List.of());
        assertThat(first.result().finished()).isFalse();
        Files.delete(file);

        assertThat(ArchitectureJson.read(run.resolve("architecture.json")))
                .isEqualTo(SoftmaxRegressionBackend.architecture());
        assertThat(new RunFolder(run).readInfo().model()).isEqualTo(SoftmaxRegressionBackend.architecture().name());
        TrainingOutcome rest = appWithoutZoo().resume(run, 0, List.of());
        assertThat(rest.result().finished()).isTrue();
        assertThat(appWithoutZoo().evaluate(run, null, null)).isEqualTo(rest.evaluation());
        Path png = dir.resolve("a.png");
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xffffff);
        ImageIO.write(img, "png", png.toFile());
        assertThat(appWithoutZoo().predict(run, List.of(png), null, null, 1).get(0).predictions().get(0).name())
                .isEqualTo("a");
    }

    @Test
    void aZooRunReopensFromItsOwnArchitectureNotFromTheZoo() {
        app().train(request(dir.resolve("run"), 0), List.of());
        assertThat(appWithoutZoo().evaluate(dir.resolve("run"), null, null).top1()).isGreaterThan(0.8);
    }

    /**
     * A run folder written before runs stored their architecture ({@code run.json} naming the model,
     * and the weights; checked in under {@code src/test/resources/legacy-run}) still evaluates: the
     * network comes from the zoo name it records.
     */
    @Test
    void aRunFolderWithoutArchitectureJsonStillOpensFromItsZooName() throws Exception {
        Path run = Files.createDirectories(dir.resolve("legacy-run"));
        for (String name : List.of("run.json", "weights.safetensors")) {
            try (var in = ZooAppTest.class.getResourceAsStream("/legacy-run/" + name)) {
                Files.copy(in, run.resolve(name));
            }
        }
        List<String> asked = new java.util.ArrayList<>();
        Evaluation e = app((name, options) -> {
            asked.add(name + " " + options.input() + " " + options.classes());
            return SoftmaxRegressionBackend.architecture();
        }).evaluate(run, null, null);
        assertThat(asked).containsExactly("softmax 1x2x2 3");
        assertThat(e.top1()).isGreaterThan(0.8);
    }

    @Test
    void exportWritesTheRunsNetworkAndRefusesWeightsThatDoNotFitWritingNothing() throws Exception {
        app().train(request(dir.resolve("run"), 0), List.of());
        Path onnx = dir.resolve("softmax.onnx");
        assertThat(appWithoutZoo().exportOnnx(dir.resolve("run"), null, onnx))
                .isEqualTo(SoftmaxRegressionBackend.architecture());
        assertThat(Files.size(onnx)).isPositive();

        Path other = dir.resolve("other.safetensors");
        dev.zoo.api.weights.SafeTensors.write(dev.zoo.api.weights.Initializer.seeded(new Architecture("other", "",
                Shape.flat(4), 3, dev.zoo.api.spec.Sequential.of("network", dev.zoo.api.spec.Dense.of("out", 3))), 1),
                other);
        Path never = dir.resolve("never.onnx");
        assertThatThrownBy(() -> appWithoutZoo().exportOnnx(dir.resolve("run"), other, never))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fc.weight");
        assertThat(never).doesNotExist();
    }

    @Test
    void aFileThatDoesNotFitTheDataIsRefusedNamingBoth() throws Exception {
        Architecture wide = new Architecture("wide", "", Shape.flat(5), 3,
                dev.zoo.api.spec.Sequential.of("network", dev.zoo.api.spec.Dense.of("fc", 3)));
        Path file = dir.resolve("wide.json");
        ArchitectureJson.write(wide, file);
        assertThatThrownBy(() -> app().train(request(ModelChoice.file(file), dir.resolve("run"), 0), List.of()))
                .hasMessage("--file " + file + ": the architecture takes input 5 and 3 classes, but the data gives"
                        + " 1x2x2 and 3 classes; edit the file's \"input\" and \"classes\"");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void trainThenEvaluateGivesTheScoreTheRunReported() {
        TrainingOutcome run = app().train(request(dir.resolve("run"), 0), List.of());
        Evaluation again = app().evaluate(dir.resolve("run"), null, null);
        assertThat(again).isEqualTo(run.evaluation());
        assertThat(again.top1()).isGreaterThan(0.8);
        assertThat(Files.exists(dir.resolve("run/report.md"))).isTrue();
    }

    @Test
    void aRunStoppedEarlyResumesFromItsFolderToTheEnd() {
        TrainingOutcome first = app().train(request(dir.resolve("run"), 5), List.of());
        assertThat(first.result().finished()).isFalse();
        TrainingOutcome rest = app().resume(dir.resolve("run"), 0, List.of());
        assertThat(rest.result().finished()).isTrue();
        assertThat(rest.result().state().step()).isEqualTo(24);
    }

    @Test
    void predictNamesTheMostProbableClassesOfEachGoodImageAndWhatIsWrongWithABadOne() throws Exception {
        app().train(request(dir.resolve("run"), 0), List.of());
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xffffff); // the first pixel brightest: class "a"
        Path png = dir.resolve("a.png");
        ImageIO.write(img, "png", png.toFile());
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "not an image");

        List<ImagePrediction> p = app().predict(dir.resolve("run"), List.of(png, notAnImage), null, null, 5);

        assertThat(p).extracting(ImagePrediction::image).containsExactly(png, notAnImage);
        assertThat(p.get(0).predictions()).hasSize(3);
        assertThat(p.get(0).predictions().get(0).name()).isEqualTo("a");
        assertThat(p.get(0).predictions().stream().mapToDouble(Prediction::probability).sum()).isCloseTo(1.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(p.get(1).failed()).isTrue();
        assertThat(p.get(1).predictions()).isEmpty();
        assertThat(p.get(1).error()).startsWith("image " + notAnImage + ": not a PNG or JPEG image");
    }

    @Test
    void evaluatingARunWithoutWeightsSaysWhatToDo() {
        app().train(request(dir.resolve("run"), 5), List.of());
        assertThatThrownBy(() -> app().evaluate(dir.resolve("run"), dir.resolve("missing.safetensors"), null))
                .hasMessageContaining("missing.safetensors").hasMessageContaining("no such file");
    }
}

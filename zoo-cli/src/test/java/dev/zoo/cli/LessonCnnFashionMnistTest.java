package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.RunFolder;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end path on real data: the lesson CNN trained by the neutral loop on DJL's PyTorch
 * engine for one epoch over 10,000 real Fashion-MNIST training images, scored on the 10,000
 * test images. Measured at 82.9% (seed 42; 82.2% and 82.5% with seeds 2 and 1).
 */
class LessonCnnFashionMnistTest {

    @TempDir
    Path dir;

    @Test
    void oneEpochOnTenThousandImagesReachesEightyPercentTestAccuracy() throws Exception {
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(32).seed(42)
                .optimizer(new Optimizer.Sgd(0.9, true, 5e-4)).schedule(new LearningRateSchedule.Cosine(0.1, 0, 0))
                .gradientNormEverySteps(50).device(Device.CPU).build();
        TrainRequest request = new TrainRequest("lesson_cnn", "djl-pytorch",
                new DataSettings("fashion-mnist", null, 10_000, 42, false, 0), config, dir.resolve("run"));

        TrainingOutcome out = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class).train(request, List.of());

        assertThat(out.evaluation().examples()).isEqualTo(10_000);
        assertThat(out.evaluation().top1()).isGreaterThanOrEqualTo(0.80);
        assertThat(out.result().stepLosses()).hasSize(313);
        RunFolder folder = new RunFolder(dir.resolve("run"));
        assertThat(folder.readInfo().classNames()).hasSize(10).contains("Sneaker");
        assertThat(Files.readString(folder.report())).contains("| 1 |");
        assertThat(Files.readAllLines(folder.path().resolve("gradient-norms.csv"))).hasSizeGreaterThan(1);
    }
}

package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import dev.zoo.spark.SparkRunFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LessonCnnFashionMnistTest} on Spark {@code local[2]}: the same recipe, 2 workers x 16,
 * averaged every step, reaches the same 80%. About a minute on a busy 2-core machine, so it runs in
 * the full tier ({@code -Pfull}, which sets {@code zoo.models=all}).
 */
@EnabledIfSystemProperty(named = "zoo.models", matches = "all", disabledReason = "full tier: ./mvnw -Pfull verify")
class LessonCnnOnSparkTest {

    @TempDir
    Path dir;

    @Test
    void oneEpochOnTenThousandImagesOnTwoSparkWorkersReachesEightyPercentTestAccuracy() {
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(32).seed(42)
                .optimizer(new Optimizer.Sgd(0.9, true, 5e-4)).schedule(new LearningRateSchedule.Cosine(0.1, 0, 0))
                .device(Device.CPU).build();
        TrainRequest request = new TrainRequest("lesson_cnn", "djl-pytorch",
                new DataSettings("fashion-mnist", null, 10_000, 42, false, 0), config, dir.resolve("run"));

        TrainingOutcome out = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class)
                .train(request, new SparkRequest("local[2]", 0, 1), List.of());

        assertThat(out.evaluation().examples()).isEqualTo(10_000);
        assertThat(out.evaluation().top1()).isGreaterThanOrEqualTo(0.80);
        assertThat(out.result().stepLosses()).hasSize(313);
        assertThat(SparkRunFile.read(dir.resolve("run"))).isEqualTo(new SparkRunFile("local[2]", 2, 1, 32));
    }
}

package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.RunFolder;
import dev.zoo.api.train.SoftmaxRegressionBackend;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.spark.SparkRunFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zoo train --spark local[2]} through the application, on the reference backend: the run
 * folder records where it trained, and a run stopped mid-way resumes on Spark to the weights of an
 * uninterrupted one, bit for bit.
 */
class SparkTrainingTest {

    @TempDir
    Path dir;

    private TrainRequest request(Path out, long maxSteps) {
        TrainingConfig c = TrainingConfig.builder().epochs(2).batchSize(4).seed(3).maxSteps(maxSteps)
                .optimizer(new Optimizer.Sgd(0.9, true, 1e-3)).schedule(new LearningRateSchedule.Cosine(0.2, 1, 0))
                .build();
        return new TrainRequest("softmax", SoftmaxRegressionBackend.ID, new DataSettings("synthetic", null, 0, 3, false, 0),
                c, out);
    }

    @Test
    void aSparkRunStoppedMidWayResumesOnSparkToTheWeightsOfAnUninterruptedOne() throws Exception {
        SparkRequest spark = new SparkRequest("local[2]", 0, 1);
        TrainingOutcome whole = ZooAppTest.app().train(request(dir.resolve("whole"), 0), spark, List.of());
        TrainingOutcome first = ZooAppTest.app().train(request(dir.resolve("split"), 5), spark, List.of());
        assertThat(first.result().finished()).isFalse();
        assertThat(SparkRunFile.read(dir.resolve("split"))).isEqualTo(new SparkRunFile("local[2]", 2, 1, 4));

        TrainingOutcome rest = ZooAppTest.app().resume(dir.resolve("split"), 0, List.of());

        assertThat(rest.result().finished()).isTrue();
        assertThat(rest.result().state().step()).isEqualTo(whole.result().state().step());
        assertThat(SafeTensors.read(new RunFolder(dir.resolve("split")).weights()))
                .isEqualTo(SafeTensors.read(new RunFolder(dir.resolve("whole")).weights()));
        assertThat(whole.evaluation().top1()).isGreaterThan(0.8);
    }

    @Test
    void roundsOfSeveralLocalStepsRecordTheRoundBatch() {
        TrainingOutcome run = ZooAppTest.app().train(request(dir.resolve("run"), 0), new SparkRequest("local[2]", 2, 3),
                List.of());
        assertThat(new RunFolder(dir.resolve("run")).readInfo().config().batchSize()).isEqualTo(12);
        assertThat(SparkRunFile.read(dir.resolve("run"))).isEqualTo(new SparkRunFile("local[2]", 2, 3, 4));
        assertThat(run.evaluation().top1()).isGreaterThan(0.8);
    }

    @Test
    void aRunOfOneProcessDoesNotResumeOnSpark() {
        ZooAppTest.app().train(request(dir.resolve("run"), 5), List.of());
        assertThatThrownBy(() -> ZooAppTest.app().resume(dir.resolve("run"), 0, "local[2]", List.of()))
                .hasMessage("--spark local[2]: run " + dir.resolve("run") + " was trained in one process (no spark.json);"
                        + " resume it without --spark");
    }
}

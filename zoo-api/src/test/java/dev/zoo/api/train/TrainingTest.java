package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    @TempDir
    Path dir;

    private static RunInfo info(TrainingConfig c) {
        BatchSource data = SoftmaxRegressionBackend.data(c.seed(), true);
        return new RunInfo("softmax", SoftmaxRegressionBackend.ID, "synthetic", Map.of("shuffle", "true"),
                data.itemShape(), data.classNames(), c);
    }

    private static TrainingOutcome run(RunInfo info, RunFolder folder, boolean resume) {
        BatchSource data = SoftmaxRegressionBackend.data(info.config().seed(), true);
        return Training.run(info, SoftmaxRegressionBackend.architecture(), new SoftmaxRegressionBackend(), data, data,
                folder, resume, List.of());
    }

    @Test
    void aRunWritesEveryFileOfItsFolder() throws Exception {
        TrainingConfig c = TrainingConfig.builder().epochs(3).batchSize(4).seed(3).gradientNormEverySteps(2)
                .optimizer(new Optimizer.Sgd(0.9, false, 0)).schedule(new LearningRateSchedule.Constant(0.1)).build();
        RunFolder folder = new RunFolder(dir.resolve("run"));
        TrainingOutcome out = run(info(c), folder, false);

        assertThat(folder.readInfo()).isEqualTo(info(c));
        assertThat(SafeTensors.read(folder.weights()).names()).containsExactly("fc.weight", "fc.bias");
        assertThat(CheckpointStore.load(folder.path()).state().step()).isEqualTo(18);
        List<String> csv = Files.readAllLines(folder.path().resolve("metrics.csv"));
        assertThat(csv.get(0)).isEqualTo(String.join(",", MetricsLog.COLUMNS));
        assertThat(csv).filteredOn(l -> l.startsWith("epoch,")).hasSize(3);
        assertThat(csv).filteredOn(l -> l.startsWith("step,")).hasSize(18);
        assertThat(Files.readAllLines(folder.path().resolve("metrics.jsonl"))).hasSize(21);
        assertThat(Files.readAllLines(folder.path().resolve("gradient-norms.csv"))).hasSize(1 + 9 * 2)
                .element(1).asString().startsWith("2,fc.weight,");
        String report = Files.readString(folder.report());
        assertThat(report).contains("# softmax on synthetic").contains("| 3 |")
                .contains(RunReport.percent(out.evaluation().top1()));
        assertThat(out.evaluation().examples()).isEqualTo(24);
    }

    @Test
    void aStoppedRunResumesInItsFolderToTheSameWeightsAsAnUninterruptedOne() throws Exception {
        TrainingConfig c = TrainingConfig.builder().epochs(2).batchSize(4).seed(5)
                .optimizer(Optimizer.Adam.defaults()).schedule(new LearningRateSchedule.Cosine(0.05, 2, 0)).build();
        RunFolder whole = new RunFolder(dir.resolve("whole"));
        run(info(c), whole, false);

        RunFolder parts = new RunFolder(dir.resolve("parts"));
        TrainingOutcome first = run(info(c.toBuilder().maxSteps(7).build()), parts, false);
        assertThat(first.result().finished()).isFalse();
        TrainingOutcome rest = run(info(c), parts, true);
        assertThat(rest.result().finished()).isTrue();
        assertThat(SafeTensors.read(parts.weights())).isEqualTo(SafeTensors.read(whole.weights()));
        assertThat(Training.epochRows(parts)).hasSize(2);
    }

    @Test
    void aBackendThatRefusesTheNetworkLeavesNoRunFolder() {
        TrainingConfig c = TrainingConfig.builder().batchSize(8).build();
        BatchSource data = SoftmaxRegressionBackend.data(c.seed(), true);
        Backend noGpu = new Backend() {
            @Override
            public String id() {
                return SoftmaxRegressionBackend.ID;
            }

            @Override
            public String description() {
                return "refuses every network";
            }

            @Override
            public void check(Architecture architecture) {
            }

            @Override
            public Network compile(Architecture architecture, NetworkOptions options) {
                throw new IllegalArgumentException(id() + ": device gpu was asked for but there is none");
            }
        };
        RunFolder folder = new RunFolder(dir.resolve("run"));

        assertThatThrownBy(() -> Training.run(info(c), SoftmaxRegressionBackend.architecture(), noGpu, data, data,
                folder, false, List.of())).hasMessageContaining("device gpu");

        assertThat(folder.path()).doesNotExist();
    }

    @Test
    void everyFileOfTheRunHasTheSamePermissions() throws Exception {
        TrainingConfig c = TrainingConfig.builder().epochs(1).batchSize(8).build();
        RunFolder folder = new RunFolder(dir.resolve("run"));
        run(info(c), folder, false);

        Set<PosixFilePermission> csv = Files.getPosixFilePermissions(folder.path().resolve("metrics.csv"));
        for (Path file : List.of(folder.info(), folder.weights(), folder.report())) {
            assertThat(Files.getPosixFilePermissions(file)).as("%s", file.getFileName()).isEqualTo(csv);
        }
    }

    @Test
    void aFreshRunRefusesAFolderThatHoldsAnotherRun() {
        TrainingConfig c = TrainingConfig.builder().batchSize(8).build();
        RunFolder folder = new RunFolder(dir);
        run(info(c), folder, false);
        assertThatThrownBy(() -> run(info(c), folder, false)).hasMessageContaining("already holds a run")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void aFolderWithoutRunJsonIsNotARun() {
        assertThatThrownBy(() -> new RunFolder(dir).readInfo()).hasMessageContaining("no run.json");
    }
}

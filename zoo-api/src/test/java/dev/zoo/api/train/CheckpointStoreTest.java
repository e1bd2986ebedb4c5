package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.ForwardingNetwork;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    private final Network network = new SoftmaxRegressionBackend().compile(SoftmaxRegressionBackend.architecture(),
            NetworkOptions.defaults().withOptimizer(Optimizer.Adam.defaults()));

    private static TrainingState at(long step) {
        return new TrainingState(SoftmaxRegressionBackend.ID, "softmax", step, 1, 2, 42);
    }

    @Test
    void aSavedCheckpointLoadsBackIdentically() {
        network.trainStep(SoftmaxRegressionBackend.data(1, false).batches(0, 8, 0).next(), 0.1);
        Path saved = new CheckpointStore(dir, 2).save(at(7), network);
        assertThat(saved.getFileName().toString()).isEqualTo("step-000000000007");
        Checkpoint c = CheckpointStore.load(saved);
        assertThat(c.state()).isEqualTo(at(7));
        assertThat(c.weights()).isEqualTo(network.exportWeights());
        assertThat(c.optimizerState()).isEqualTo(network.exportOptimizerState());
        assertThat(CheckpointStore.load(dir).directory()).isEqualTo(saved);
    }

    @Test
    void onlyTheNewestCheckpointsAreKept() {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (int s = 1; s <= 4; s++) {
            store.save(at(s), network);
        }
        assertThat(store.checkpoints()).extracting(p -> p.getFileName().toString())
                .containsExactly("step-000000000003", "step-000000000004");
    }

    @Test
    void aSaveThatFailsHalfwayLeavesThePreviousCheckpointLoadableAndNothingElse() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 2);
        Path good = store.save(at(3), network);
        Network failing = new FailingOptimizerExport(network);
        assertThatThrownBy(() -> store.save(at(4), failing))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("step-000000000004").hasMessageContaining("previous checkpoint is kept")
                .hasMessageContaining("disk full");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(good);
        }
        assertThat(CheckpointStore.load(dir).state()).isEqualTo(at(3));
    }

    @Test
    void aFlippedByteInTheWeightsIsReportedWithTheFileAndBothHashes() throws IOException {
        Path saved = new CheckpointStore(dir, 1).save(at(1), network);
        Path weights = saved.resolve("weights.safetensors");
        byte[] b = Files.readAllBytes(weights);
        b[b.length - 1] ^= 1;
        Files.write(weights, b);
        assertThatThrownBy(() -> CheckpointStore.load(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("weights.safetensors").hasMessageContaining("SHA-256 mismatch")
                .hasMessageContaining("corrupt");
    }

    @Test
    void anEditedManifestFailsItsChecksum() throws IOException {
        Path saved = new CheckpointStore(dir, 1).save(at(1), network);
        Path manifest = saved.resolve("checkpoint.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"step\" : 1", "\"step\" : 100"));
        assertThatThrownBy(() -> CheckpointStore.load(saved)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void anotherFormatVersionIsRefusedNamingBothVersions() throws IOException {
        Path saved = new CheckpointStore(dir, 1).save(at(1), network);
        Path manifest = saved.resolve("checkpoint.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"version\" : 1", "\"version\" : 9"));
        assertThatThrownBy(() -> CheckpointStore.load(saved)).hasMessageContaining("version 9")
                .hasMessageContaining("reads 'zoo-checkpoint' version 1");
    }

    @Test
    void aTruncatedManifestIsReportedAsCorrupt() throws IOException {
        Path saved = new CheckpointStore(dir, 1).save(at(1), network);
        Files.writeString(saved.resolve("checkpoint.json"), "{\"format\": \"zoo-chec");
        assertThatThrownBy(() -> CheckpointStore.load(saved)).hasMessageContaining("checkpoint.json")
                .hasMessageContaining("corrupt");
    }

    @Test
    void aDirectoryWithoutCheckpointsIsAClearError() {
        assertThatThrownBy(() -> CheckpointStore.load(dir)).hasMessageContaining("no checkpoint found")
                .hasMessageContaining(dir.toString());
    }

    /** Fails while exporting the optimiser state, after the weights file is written. */
    private static final class FailingOptimizerExport extends ForwardingNetwork {
        FailingOptimizerExport(Network inner) {
            super(inner);
        }

        @Override
        public Weights exportOptimizerState() {
            throw new IllegalStateException("disk full");
        }
    }
}

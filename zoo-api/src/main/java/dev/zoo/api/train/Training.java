package dev.zoo.api.train;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Architecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains an architecture on a backend into a run folder, as {@code zoo train} does, for
 * applications: metrics and gradient-norm logs, checkpoints, final weights and {@code report.md}.
 */
public final class Training {

    /** Checkpoints kept in a run folder: the last and the one before, in case the last is cut short. */
    public static final int CHECKPOINTS_KEPT = 2;

    private Training() {
    }

    /**
     * Trains from scratch into {@code folder}, or, when {@code resume} is true, continues from the
     * folder's last checkpoint. {@code test} may be null. {@code extra} listeners (a progress bar)
     * run after the logs.
     *
     * @throws IllegalArgumentException when a fresh run would overwrite another run's folder, or the
     *     data do not fit the architecture
     */
    public static TrainingOutcome run(RunInfo info, Architecture architecture, Backend backend, BatchSource train,
            BatchSource test, RunFolder folder, boolean resume, List<TrainingListener> extra) {
        Checkpoint from = null;
        if (resume) {
            from = CheckpointStore.load(folder.checkpoints());
        } else if (!new CheckpointStore(folder.checkpoints(), 1).checkpoints().isEmpty()) {
            throw new IllegalArgumentException("run folder " + folder.path() + " already holds a run's checkpoints;"
                    + " resume it or choose another output folder");
        }
        if (!train.classNames().equals(info.classNames()) || train.classes() != architecture.classes()) {
            throw new IllegalArgumentException("training data: " + train.classes() + " classes " + train.classNames()
                    + " but the run expects " + architecture.classes() + " " + info.classNames());
        }
        TrainingConfig config = info.config();
        // the network first: a backend that refuses it (no GPU for --device gpu) leaves no folder behind
        try (Network network = backend.compile(architecture, config.networkOptions())) {
            folder.writeInfo(info);
            // the run carries its own architecture, so a zoo name is only a label; a folder from
            // before runs stored it gets one when it is resumed
            folder.writeArchitecture(architecture);
            int perEpoch = train.batchCount(config.batchSize());
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(new MetricsLog(folder.path(), Math.max(1, perEpoch / 20)));
            listeners.add(new GradientNormLog(folder.path()));
            listeners.addAll(extra);
            Trainer trainer = new Trainer(network, config).checkpoints(new CheckpointStore(folder.checkpoints(),
                    CHECKPOINTS_KEPT));
            listeners.forEach(trainer::listener);
            TrainingResult result;
            try {
                result = from == null ? trainer.fit(train, test) : trainer.resume(train, test, from);
            } catch (RuntimeException e) {
                folder.writeReport(RunReport.markdown(info, backend.description(), architecture.parameterCount(),
                        epochRows(folder), null, e.getMessage()));
                throw e;
            }
            Evaluation evaluation = result.lastEvaluation();
            if (test != null && (evaluation == null || !result.finished())) {
                evaluation = Evaluator.evaluate(network, test, config.batchSize());
            }
            folder.writeWeights(network.exportWeights());
            folder.writeReport(RunReport.markdown(info, backend.description(), architecture.parameterCount(),
                    epochRows(folder), evaluation, null));
            return new TrainingOutcome(folder, result, evaluation);
        }
    }

    /** The {@code epoch} rows of the folder's {@code metrics.jsonl}, over every resume of the run. */
    static List<Map<String, Object>> epochRows(RunFolder folder) {
        Path log = folder.path().resolve("metrics.jsonl");
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Map<String, Object> row = TrainingJson.mapper().readValue(line, new TypeReference<Map<String, Object>>() {
                });
                if ("epoch".equals(row.get("kind"))) {
                    rows.add(row);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("run folder: cannot read " + log + ": " + e.getMessage(), e);
        }
    }
}

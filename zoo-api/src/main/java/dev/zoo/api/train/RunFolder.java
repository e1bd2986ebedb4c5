package dev.zoo.api.train;

import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The folder one training run writes: {@code run.json} (model, data, configuration),
 * {@code metrics.csv} and {@code metrics.jsonl}, {@code gradient-norms.csv}, {@code checkpoints/},
 * the final {@code weights.safetensors} and a short {@code report.md}. Files that are replaced are
 * written to a temporary file and renamed into place.
 */
public record RunFolder(Path path) {

    public Path info() {
        return path.resolve("run.json");
    }

    public Path weights() {
        return path.resolve("weights.safetensors");
    }

    public Path report() {
        return path.resolve("report.md");
    }

    public Path checkpoints() {
        return path.resolve("checkpoints");
    }

    public boolean exists() {
        return Files.isRegularFile(info());
    }

    public void writeInfo(RunInfo info) {
        atomically(info(), tmp -> TrainingJson.mapper().writeValue(tmp.toFile(), info));
    }

    /** Reads {@code run.json}, failing with the path when it is missing or not a run's. */
    public RunInfo readInfo() {
        if (!exists()) {
            throw new IllegalArgumentException("run folder " + path + ": no run.json, so this is not a training run's folder"
                    + " (zoo train --out writes one)");
        }
        try {
            return TrainingJson.mapper().readValue(info().toFile(), RunInfo.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("run folder " + path + ": run.json is unreadable: " + e.getMessage(), e);
        }
    }

    public void writeWeights(Weights weights) {
        atomically(weights(), tmp -> SafeTensors.write(weights, tmp));
    }

    public void writeReport(String markdown) {
        atomically(report(), tmp -> Files.writeString(tmp, markdown));
    }

    /** Writes through {@code writer} into a temporary sibling of {@code target}, then renames it over the target. */
    private void atomically(Path target, Writer writer) {
        Path tmp = null;
        try {
            Files.createDirectories(path);
            tmp = Files.createTempFile(path, "." + target.getFileName(), ".tmp");
            writer.write(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("run folder: cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path tmp) throws IOException;
    }
}

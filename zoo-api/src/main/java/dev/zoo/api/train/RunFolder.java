package dev.zoo.api.train;

import dev.zoo.api.io.AtomicFiles;
import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.nio.charset.StandardCharsets;

/**
 * The folder one training run writes: {@code run.json} (model, data, configuration),
 * {@code architecture.json} (the full architecture file the run trained: what eval, predict, resume
 * and export rebuild, so the run outlives the file it came from and later changes to the zoo),
 * {@code metrics.csv} and {@code metrics.jsonl}, {@code gradient-norms.csv}, {@code checkpoints/},
 * the final {@code weights.safetensors} and a short {@code report.md}. Every file is replaced
 * atomically ({@link AtomicFiles}).
 */
public record RunFolder(Path path) {

    public Path info() {
        return path.resolve("run.json");
    }

    /** The architecture file the run trained ({@code docs/architecture-format.md}). */
    public Path architecture() {
        return path.resolve("architecture.json");
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
        unchecked(info(), target -> AtomicFiles.write(target, TrainingJson.mapper().writeValueAsBytes(info)));
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

    public void writeArchitecture(Architecture architecture) {
        unchecked(architecture(), target -> ArchitectureJson.write(architecture, target));
    }

    /**
     * The architecture this run trained: its {@code architecture.json}; for a folder written before
     * runs stored one, the zoo model {@code run.json} names, built for the recorded input and classes.
     *
     * @throws IllegalArgumentException naming the folder when neither is there or the file is malformed
     */
    public Architecture readArchitecture(RunInfo info) {
        Optional<Architecture> stored = storedArchitecture();
        if (stored.isPresent()) {
            return stored.get();
        }
        if (!ModelZoo.names().contains(info.model())) {
            throw new IllegalArgumentException("run folder " + path + ": no architecture.json, and the model '"
                    + info.model() + "' in run.json is not a zoo model, so the network cannot be rebuilt");
        }
        return ModelZoo.build(info.model(), info.input(), info.classNames().size());
    }

    /**
     * The run's {@code architecture.json}, or empty for a folder written before runs stored one.
     *
     * @throws IllegalArgumentException naming the folder when the file is there but unreadable or malformed
     */
    public Optional<Architecture> storedArchitecture() {
        if (!Files.isRegularFile(architecture())) {
            return Optional.empty();
        }
        try {
            return Optional.of(ArchitectureJson.read(architecture()));
        } catch (IOException e) {
            throw new IllegalArgumentException("run folder " + path + ": architecture.json is unreadable: "
                    + e.getMessage(), e);
        }
    }

    public void writeWeights(Weights weights) {
        unchecked(weights(), target -> SafeTensors.write(weights, target));
    }

    public void writeReport(String markdown) {
        unchecked(report(), target -> AtomicFiles.write(target, markdown.getBytes(StandardCharsets.UTF_8)));
    }

    private void unchecked(Path target, Writer writer) {
        try {
            writer.write(target);
        } catch (IOException e) {
            throw new UncheckedIOException("run folder: cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path target) throws IOException;
    }
}

package dev.zoo.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.api.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code spark.json} in a run folder: where the run was trained and how it was spread, so that
 * {@code zoo train --resume} continues it the same way. {@code stepBatch} is the batch of one
 * synchronous step over all workers; the run's recorded batch size is {@code stepBatch * syncEvery},
 * the batch of one round.
 */
public record SparkRunFile(String master, int workers, int syncEvery, int stepBatch) {

    public static final String NAME = "spark.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public SparkSettings settings() {
        return new SparkSettings(workers, syncEvery);
    }

    public void write(Path folder) {
        try {
            AtomicFiles.write(folder.resolve(NAME), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + folder + ": cannot write " + NAME + ": " + e.getMessage(), e);
        }
    }

    /** The folder's spark.json, or null for a run trained in one process. */
    public static SparkRunFile read(Path folder) {
        Path file = folder.resolve(NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return MAPPER.readValue(file.toFile(), SparkRunFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("run folder " + folder + ": cannot read " + NAME + ": " + e.getMessage(), e);
        }
    }
}

package dev.zoo.api.train;

import dev.zoo.api.spec.Shape;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run folder's {@code run.json} records, enough to rebuild the network and reopen its data
 * later for {@code zoo eval}, {@code zoo predict} and resume.
 *
 * @param model        zoo architecture name ({@code lesson_cnn})
 * @param backend      backend id ({@code djl-pytorch})
 * @param dataset      dataset name as given ({@code fashion-mnist}, {@code folder:/path})
 * @param dataSettings how the data was prepared (pad, normalisation, limit, ...), as text
 * @param input        shape of one example after preparation
 * @param classNames   class names by label
 * @param config       the training configuration
 */
public record RunInfo(String model, String backend, String dataset, Map<String, String> dataSettings, Shape input,
        List<String> classNames, TrainingConfig config) {

    public RunInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(config, "config");
        dataSettings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataSettings == null ? Map.of() : dataSettings));
        classNames = List.copyOf(classNames);
    }
}

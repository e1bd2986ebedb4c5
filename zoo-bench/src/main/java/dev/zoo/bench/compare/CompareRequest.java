package dev.zoo.bench.compare;

import dev.zoo.api.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One comparison: which zoo models, on which backends, with which data and recipe, into which folder.
 *
 * @param models   zoo model names, in report order
 * @param backends backend ids, in report order; the first is the reference of the ratios
 * @param data     the dataset, prepared alike for every backend
 * @param config   the recipe (seed, optimiser, schedule, epochs, batch size), the same for every backend
 * @param out      the comparison folder to create
 */
public record CompareRequest(List<String> models, List<String> backends, CompareData data, TrainingConfig config,
        Path out) {

    public CompareRequest {
        models = List.copyOf(models);
        backends = List.copyOf(backends);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("compare: give at least one model");
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("compare: --backends needs at least one backend id");
        }
        if (backends.stream().distinct().count() != backends.size()) {
            throw new IllegalArgumentException("compare: --backends names a backend twice: " + backends);
        }
    }
}

package dev.zoo.cli;

import dev.zoo.api.train.TrainingConfig;
import java.nio.file.Path;

/**
 * A new training run: which network, on which backend and data, how, and where its folder goes.
 *
 * @param model   a zoo model (and its form) or an architecture file
 * @param backend backend id
 * @param data    dataset and its preparation
 * @param config  the training configuration
 * @param out     the run folder to create
 */
public record TrainRequest(ModelChoice model, String backend, DataSettings data, TrainingConfig config, Path out) {

    /** A run of the zoo model {@code model} in its default form. */
    public TrainRequest(String model, String backend, DataSettings data, TrainingConfig config, Path out) {
        this(ModelChoice.zoo(model), backend, data, config, out);
    }
}

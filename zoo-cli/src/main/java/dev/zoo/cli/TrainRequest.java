package dev.zoo.cli;

import dev.zoo.api.train.TrainingConfig;
import java.nio.file.Path;

/**
 * A new training run: which zoo model, on which backend and data, how, and where its folder goes.
 *
 * @param model   zoo architecture name
 * @param backend backend id
 * @param data    dataset and its preparation
 * @param config  the training configuration
 * @param out     the run folder to create
 */
public record TrainRequest(String model, String backend, DataSettings data, TrainingConfig config, Path out) {
}

package dev.zoo.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.TrainingJson;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * How a worker builds its copy of the network: the backend id (found on the worker's class path),
 * the architecture as its JSON file and the network options in text, since specs and options are
 * not {@link Serializable}. {@code run} names one training run, so its networks are pooled apart.
 */
record WorkerJob(String run, String backendId, String architectureJson, String optimizerJson, long seed, Device device,
        Precision precision) implements Serializable {

    static WorkerJob of(String run, String backendId, Architecture architecture, NetworkOptions options) {
        try {
            return new WorkerJob(run, backendId, ArchitectureJson.toJson(architecture),
                    TrainingJson.mapper().writeValueAsString(options.optimizer()), options.seed(), options.device(),
                    options.precision());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("spark: cannot write the optimiser as JSON: " + e.getMessage(), e);
        }
    }

    /** Compiles the network on this JVM's copy of the backend. */
    Network compile() {
        Architecture architecture = ArchitectureJson.fromJson(architectureJson, "the driver's architecture");
        Optimizer optimizer;
        try {
            optimizer = TrainingJson.mapper().readValue(optimizerJson, Optimizer.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("spark: cannot read the optimiser " + optimizerJson + ": " + e.getMessage(), e);
        }
        return Backends.get(backendId).compile(architecture, new NetworkOptions(optimizer, seed, device, precision));
    }
}

package dev.zoo.api.backend;

import java.util.Objects;

/**
 * How to compile a network: the optimiser it will train with, the seed for its own randomness
 * (dropout masks), the device and the precision. Initial weights do not come from the backend:
 * compile starts from {@code Initializer.seeded(architecture, seed)} so every backend starts
 * from the same numbers.
 */
public record NetworkOptions(Optimizer optimizer, long seed, Device device, Precision precision) {

    public NetworkOptions {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(precision, "precision");
    }

    /** Plain SGD, seed 42, CPU, float32. */
    public static NetworkOptions defaults() {
        return new NetworkOptions(Optimizer.Sgd.plain(), 42, Device.CPU, Precision.FLOAT32);
    }

    public NetworkOptions withOptimizer(Optimizer o) {
        return new NetworkOptions(o, seed, device, precision);
    }

    public NetworkOptions withSeed(long s) {
        return new NetworkOptions(optimizer, s, device, precision);
    }

    public NetworkOptions withDevice(Device d) {
        return new NetworkOptions(optimizer, seed, d, precision);
    }

    public NetworkOptions withPrecision(Precision p) {
        return new NetworkOptions(optimizer, seed, device, p);
    }
}

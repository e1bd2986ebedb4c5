package dev.zoo.api.backend;

/** Numeric type of parameters and activations. FLOAT64 exists for gradient checks. */
public enum Precision {
    FLOAT32, FLOAT64
}

package dev.zoo.api.backend;

/** Where a network runs. {@code AUTO} takes a GPU when the engine sees one, else the CPU. */
public enum Device {
    AUTO, CPU, GPU
}

package dev.zoo.api.backend;

import dev.zoo.api.spec.Architecture;

/**
 * An engine that compiles architectures into trainable networks. Implementations register
 * themselves with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.zoo.api.backend.Backend})
 * so that an application finds one by id with only {@code zoo-api} and that backend on the
 * classpath (see {@link Backends}).
 */
public interface Backend {

    /** Stable id users type: {@code djl-pytorch}, {@code djl-mxnet}, {@code dl4j}, {@code tensorflow}. */
    String id();

    /** A one-line description (engine and version). */
    String description();

    /**
     * Checks that every node can be compiled, throwing {@link UnsupportedLayerException} naming
     * this backend, the layer kind and its path for the first that cannot.
     */
    void check(Architecture architecture);

    /**
     * Builds a network for {@code architecture}, initialised from
     * {@code Initializer.seeded(architecture, options.seed())}. Calls {@link #check} first.
     */
    Network compile(Architecture architecture, NetworkOptions options);
}

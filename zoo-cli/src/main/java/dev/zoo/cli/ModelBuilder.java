package dev.zoo.cli;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;

/** Builds the zoo model a new run names, in the form its options pick; bound by {@link ZooModule} to the zoo. */
public interface ModelBuilder {

    Architecture build(String name, ZooOptions options);

    /** The registered zoo models ({@link ModelZoo}). */
    final class FromZoo implements ModelBuilder {
        @Override
        public Architecture build(String name, ZooOptions options) {
            return ModelZoo.build(name, options);
        }
    }
}

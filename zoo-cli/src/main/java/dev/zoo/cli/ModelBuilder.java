package dev.zoo.cli;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;

/** Builds the architecture a run names; bound by {@link ZooModule} to the zoo. */
public interface ModelBuilder {

    Architecture build(String name, Shape input, int classes);

    /** The registered zoo models ({@link ModelZoo}). */
    final class FromZoo implements ModelBuilder {
        @Override
        public Architecture build(String name, Shape input, int classes) {
            return ModelZoo.build(name, input, classes);
        }
    }
}

package dev.zoo.dl4j;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.TrainingContract;

/** The shared training contract (determinism, fresh-process resume, NaN guard, atomic checkpoints) on DL4J. */
public class Dl4jTrainingTest extends TrainingContract {

    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }
}

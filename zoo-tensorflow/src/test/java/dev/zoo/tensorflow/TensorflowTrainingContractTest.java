package dev.zoo.tensorflow;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.TrainingContract;

/** The training contract (determinism, fresh-process resume, NaN guard, atomic checkpoints) on TensorFlow Java. */
class TensorflowTrainingContractTest extends TrainingContract {

    @Override
    protected Backend backend() {
        return new TensorflowBackend();
    }
}

package dev.zoo.djl;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.TrainingContract;

/** The training contract (determinism, fresh-process resume, NaN guard, atomic checkpoints) on DJL's PyTorch engine. */
class DjlPyTorchTrainingContractTest extends TrainingContract {

    @Override
    protected Backend backend() {
        return new DjlPyTorchBackend();
    }
}

package dev.zoo.djl;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.TrainingContract;

/** The training contract (determinism, fresh-process resume, NaN guard, atomic checkpoints) on DJL's MXNet engine. */
class DjlMxnetTrainingContractTest extends TrainingContract {

    @Override
    protected Backend backend() {
        return new DjlMxnetBackend();
    }
}

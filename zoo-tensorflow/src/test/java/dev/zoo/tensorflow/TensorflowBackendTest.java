package dev.zoo.tensorflow;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.BackendContract;

/** The backend contract on TensorFlow Java. */
class TensorflowBackendTest extends BackendContract {

    @Override
    protected Backend backend() {
        return new TensorflowBackend();
    }
}

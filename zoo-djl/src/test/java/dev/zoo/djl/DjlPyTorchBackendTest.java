package dev.zoo.djl;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.BackendContract;

/** The backend contract on DJL's PyTorch engine. */
class DjlPyTorchBackendTest extends BackendContract {

    @Override
    protected Backend backend() {
        return new DjlPyTorchBackend();
    }
}

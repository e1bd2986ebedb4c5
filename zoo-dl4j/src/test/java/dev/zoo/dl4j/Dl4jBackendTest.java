package dev.zoo.dl4j;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.BackendContract;

/** The shared backend contract on DL4J. */
class Dl4jBackendTest extends BackendContract {

    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }
}

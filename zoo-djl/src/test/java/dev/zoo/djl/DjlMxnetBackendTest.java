package dev.zoo.djl;

import dev.zoo.api.backend.Backend;
import dev.zoo.testkit.BackendContract;

/** The backend contract on DJL's MXNet engine. */
class DjlMxnetBackendTest extends BackendContract {

    @Override
    protected Backend backend() {
        return new DjlMxnetBackend();
    }
}

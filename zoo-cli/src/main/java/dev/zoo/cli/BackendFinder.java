package dev.zoo.cli;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Backends;

/** Finds a backend by id; bound by {@link ZooModule} to the backends on the class path. */
public interface BackendFinder {

    Backend find(String id);

    /** The backends registered with {@link java.util.ServiceLoader}. */
    final class OnClassPath implements BackendFinder {
        @Override
        public Backend find(String id) {
            return Backends.get(id);
        }
    }
}

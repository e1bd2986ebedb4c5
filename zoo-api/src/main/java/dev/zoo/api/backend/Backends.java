package dev.zoo.api.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds backends on the classpath by id. */
public final class Backends {

    private Backends() {
    }

    /** Every backend on the classpath, sorted by id. */
    public static List<Backend> available() {
        List<Backend> list = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(list::add);
        list.sort(java.util.Comparator.comparing(Backend::id));
        return list;
    }

    /**
     * The backend called {@code id}.
     *
     * @throws IllegalArgumentException naming the id and the ids that are available
     */
    public static Backend get(String id) {
        List<Backend> all = available();
        return all.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("backend '" + id + "' is not on the classpath; available: "
                        + (all.isEmpty() ? "none (add zoo-djl, zoo-dl4j or zoo-tensorflow)"
                                : all.stream().map(Backend::id).collect(Collectors.joining(", ")))));
    }
}

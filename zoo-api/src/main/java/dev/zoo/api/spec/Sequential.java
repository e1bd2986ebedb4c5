package dev.zoo.api.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Children applied one after the other; child names are unique. */
public record Sequential(String name, List<Layer> layers) implements Layer {

    public Sequential {
        Names.check("Sequential", name);
        if (layers == null || layers.isEmpty()) {
            throw new SpecException(name, "a Sequential needs at least one layer, got none");
        }
        layers = List.copyOf(layers);
        Set<String> seen = new HashSet<>();
        for (Layer l : layers) {
            if (!seen.add(l.name())) {
                throw new SpecException(name, "child names must be unique, '" + l.name() + "' appears twice");
            }
        }
    }

    public static Sequential of(String name, Layer... layers) {
        return new Sequential(name, List.of(layers));
    }

    @Override
    public String kind() {
        return "Sequential";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitSequential(this, path);
    }
}

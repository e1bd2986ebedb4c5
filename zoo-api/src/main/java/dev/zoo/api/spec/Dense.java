package dev.zoo.api.spec;

/** A fully connected layer on a flat input; weights are {@code [units, inFeatures]}. */
public record Dense(String name, int units, boolean bias) implements Layer {

    public Dense {
        Names.check("Dense", name);
        Names.positive(name, "units", units);
    }

    public static Dense of(String name, int units) {
        return new Dense(name, units, true);
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitDense(this, path);
    }
}

package dev.zoo.api.spec;

/** Inverted dropout: in training each value is zeroed with probability {@code rate}. */
public record Dropout(String name, double rate) implements Layer {

    public Dropout {
        Names.check("Dropout", name);
        if (!(rate >= 0 && rate < 1)) {
            throw new SpecException(name, "dropout rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public String kind() {
        return "Dropout";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitDropout(this, path);
    }
}

package dev.zoo.api.spec;

/** Flattens a CxHxW map to {@code [C*H*W]} in C, H, W order (PyTorch's order). */
public record Flatten(String name) implements Layer {

    public Flatten {
        Names.check("Flatten", name);
    }

    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitFlatten(this, path);
    }
}

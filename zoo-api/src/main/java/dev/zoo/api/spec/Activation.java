package dev.zoo.api.spec;

/** An element-wise activation; the shape is unchanged. */
public record Activation(String name, ActivationKind function) implements Layer {

    public Activation {
        Names.check("Activation", name);
        if (function == null) {
            throw new SpecException(name, "activation function must be one of RELU, TANH, SIGMOID, got null");
        }
    }

    public static Activation relu(String name) {
        return new Activation(name, ActivationKind.RELU);
    }

    @Override
    public String kind() {
        return "Activation";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitActivation(this, path);
    }
}

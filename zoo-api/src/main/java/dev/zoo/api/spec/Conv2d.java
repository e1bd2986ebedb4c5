package dev.zoo.api.spec;

/**
 * A 2-D convolution with a square kernel, equal stride and symmetric zero padding on both axes.
 * Weights are OIHW ({@code [filters, inChannels, kernel, kernel]}); the input channel count comes
 * from shape inference.
 */
public record Conv2d(String name, int filters, int kernel, int stride, int padding, boolean bias) implements Layer {

    public Conv2d {
        Names.check("Conv2d", name);
        Names.positive(name, "filters", filters);
        Names.positive(name, "kernel", kernel);
        Names.positive(name, "stride", stride);
        Names.nonNegative(name, "padding", padding);
    }

    /** A convolution with bias. */
    public static Conv2d of(String name, int filters, int kernel, int stride, int padding) {
        return new Conv2d(name, filters, kernel, stride, padding, true);
    }

    /** The same convolution without bias (as before a batch norm). */
    public Conv2d withoutBias() {
        return new Conv2d(name, filters, kernel, stride, padding, false);
    }

    @Override
    public String kind() {
        return "Conv2d";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitConv2d(this, path);
    }
}

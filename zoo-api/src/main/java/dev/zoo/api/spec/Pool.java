package dev.zoo.api.spec;

/**
 * Max or average pooling over a square window. Overlapping pooling (AlexNet) is simply
 * {@code kernel > stride}. Padding is -infinity for max pooling; average pooling counts the padded
 * zeros (PyTorch's default, {@code count_include_pad=True}).
 */
public record Pool(String name, PoolType type, int kernel, int stride, int padding) implements Layer {

    public Pool {
        Names.check("Pool", name);
        if (type == null) {
            throw new SpecException(name, "pool type must be MAX or AVG, got null");
        }
        Names.positive(name, "kernel", kernel);
        Names.positive(name, "stride", stride);
        Names.nonNegative(name, "padding", padding);
        if (2 * padding > kernel) {
            throw new SpecException(name, "padding " + padding + " must be at most half the kernel " + kernel);
        }
    }

    public static Pool max(String name, int kernel, int stride) {
        return new Pool(name, PoolType.MAX, kernel, stride, 0);
    }

    public static Pool avg(String name, int kernel, int stride) {
        return new Pool(name, PoolType.AVG, kernel, stride, 0);
    }

    @Override
    public String kind() {
        return "Pool";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitPool(this, path);
    }
}

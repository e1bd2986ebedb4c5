package dev.zoo.api.spec;

/**
 * Local response normalisation across channels (Krizhevsky et al. 2012), with PyTorch's
 * definition: {@code b = a / (k + alpha/size * sum(a^2 over size neighbouring channels))^beta}.
 */
public record LocalResponseNorm(String name, int size, double alpha, double beta, double k) implements Layer {

    public LocalResponseNorm {
        Names.check("LocalResponseNorm", name);
        Names.positive(name, "size", size);
        if (!Double.isFinite(alpha) || !Double.isFinite(beta) || !Double.isFinite(k)) {
            throw new SpecException(name, "alpha, beta and k must be finite, got " + alpha + ", " + beta + ", " + k);
        }
    }

    /** AlexNet's setting: size 5, alpha 1e-4, beta 0.75, k 2. */
    public static LocalResponseNorm alexnet(String name) {
        return new LocalResponseNorm(name, 5, 1e-4, 0.75, 2.0);
    }

    @Override
    public String kind() {
        return "LocalResponseNorm";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitLocalResponseNorm(this, path);
    }
}

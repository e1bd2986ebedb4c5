package dev.zoo.api.spec;

/**
 * Batch normalisation over channels (of a CxHxW map) or features (of a flat input). Trainable
 * {@code weight} (gamma) and {@code bias} (beta); non-trainable {@code running_mean} and
 * {@code running_var}. {@code momentum} follows PyTorch's convention: the weight of the new batch
 * statistic in the running average (0.1 by default).
 */
public record BatchNorm(String name, double epsilon, double momentum) implements Layer {

    public static final double DEFAULT_EPSILON = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    public BatchNorm {
        Names.check("BatchNorm", name);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new SpecException(name, "epsilon must be > 0 and finite, got " + epsilon);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new SpecException(name, "momentum must be in [0, 1], got " + momentum);
        }
    }

    public static BatchNorm of(String name) {
        return new BatchNorm(name, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    @Override
    public String kind() {
        return "BatchNorm";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitBatchNorm(this, path);
    }
}

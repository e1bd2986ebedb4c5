package dev.zoo.api.spec;

/** What a parameter tensor is, which fixes its canonical layout and its initialisation. */
public enum ParameterRole {
    /** OIHW convolution kernel. */
    CONV_WEIGHT(true),
    /** {@code [out, in]} dense kernel. */
    DENSE_WEIGHT(true),
    /** Bias of a convolution or dense layer. */
    BIAS(true),
    /** Batch-norm scale (gamma), named {@code weight}. */
    BN_GAMMA(true),
    /** Batch-norm shift (beta), named {@code bias}. */
    BN_BETA(true),
    /** Batch-norm running mean: state, not trained by gradients. */
    BN_RUNNING_MEAN(false),
    /** Batch-norm running variance: state, not trained by gradients. */
    BN_RUNNING_VAR(false);

    private final boolean trainable;

    ParameterRole(boolean trainable) {
        this.trainable = trainable;
    }

    public boolean trainable() {
        return trainable;
    }
}

package dev.zoo.datasets;

/** Where the per-channel mean and std for normalisation come from. */
public enum Normalization {
    /** The dataset's published figures (computed from the training split when none is published). */
    PUBLISHED,
    /** Computed from the selected training examples of this run. */
    COMPUTED
}

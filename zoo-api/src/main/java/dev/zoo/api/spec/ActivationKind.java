package dev.zoo.api.spec;

/** Element-wise non-linearities every backend provides. */
public enum ActivationKind {
    RELU, TANH, SIGMOID
}

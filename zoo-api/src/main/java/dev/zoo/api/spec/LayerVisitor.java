package dev.zoo.api.spec;

/**
 * Visits every kind of {@link Layer}. Adding a kind adds a method here, so every backend stops
 * compiling until it handles the new kind. Composites do not recurse by themselves: a visitor
 * calls {@code child.accept(this, Layer.childPath(path, child))} where it wants to.
 */
public interface LayerVisitor<R> {
    R visitConv2d(Conv2d layer, String path);

    R visitDense(Dense layer, String path);

    R visitPool(Pool layer, String path);

    R visitGlobalPool(GlobalPool layer, String path);

    R visitBatchNorm(BatchNorm layer, String path);

    R visitActivation(Activation layer, String path);

    R visitDropout(Dropout layer, String path);

    R visitFlatten(Flatten layer, String path);

    R visitLocalResponseNorm(LocalResponseNorm layer, String path);

    R visitSequential(Sequential layer, String path);

    R visitResidual(Residual layer, String path);
}

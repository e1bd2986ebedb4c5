package ai.djl.pytorch.jni;

import ai.djl.pytorch.engine.PtNDArray;

/** Test access to libtorch's contiguity flag, which DJL keeps package-private. */
public final class TensorLayout {

    private TensorLayout() {
    }

    /** Whether libtorch will compute a gradient for the array (its own flag, not DJL's cached one). */
    public static boolean requiresGradient(PtNDArray array) {
        return PyTorchLibrary.LIB.torchRequiresGrad(array.getHandle());
    }

    /** Whether the array's values lie in row-major order of its shape. */
    public static boolean contiguous(PtNDArray array) {
        return PyTorchLibrary.LIB.torchIsContiguous(array.getHandle());
    }
}

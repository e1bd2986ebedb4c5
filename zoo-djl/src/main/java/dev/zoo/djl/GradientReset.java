package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/**
 * Clears parameter gradients after a step. PyTorch accumulates gradients into {@code .grad}
 * (and DJL's PyTorch collector no longer zeroes them), MXNet overwrites them (grad_req write).
 */
@FunctionalInterface
interface GradientReset {

    void reset(Collection<NDArray> parameters);

    /** For engines that overwrite gradients on every backward pass. */
    GradientReset NONE = parameters -> {
    };

    /** For PyTorch, whose gradients accumulate until zeroed. */
    GradientReset PYTORCH = parameters -> parameters.forEach(
            p -> ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p));
}

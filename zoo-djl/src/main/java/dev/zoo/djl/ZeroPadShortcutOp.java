package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import dev.zoo.api.spec.Shortcut;

/**
 * The option-A shortcut of He et al. 2015: {@code x[:, :, ::stride, ::stride]} followed by zero
 * channels up to {@code outChannels}; it has no parameters.
 *
 * <p>On libtorch the subsampling indexes the two spatial axes only ({@code [..., ::s, ::s]}). Written
 * as {@code [:, :, ::s, ::s]}, DJL slices the two full axes too, and libtorch's backward of every
 * slice fills a zero tensor the size of its input and copies the gradient into it: at ResNet-20's
 * batch of 128 the two full slices cost 11 ms of fills per step (docs/measurements.md). On
 * libtorch the zero channels are one constant pad (MXNet's pad cannot pad the channel axis, so
 * there they are a concatenation).
 */
final class ZeroPadShortcutOp {

    private ZeroPadShortcutOp() {
    }

    static NDArray apply(NDArray x, Shortcut.ZeroPad spec) {
        int stride = spec.stride();
        NDArray sub = stride == 1 ? x
                : x.get(new NDIndex(x instanceof PtNDArray ? "..., ::{}, ::{}" : ":, :, ::{}, ::{}", stride, stride));
        Shape s = sub.getShape();
        long extra = spec.outChannels() - s.get(1);
        if (extra == 0) {
            return sub;
        }
        if (sub instanceof PtNDArray) {
            // one constant-pad operation, in the input's memory layout (channels-last stays so)
            return sub.pad(new Shape(0, 0, 0, 0, 0, extra), 0);
        }
        NDArray zeros = x.getManager().zeros(new Shape(s.get(0), extra, s.get(2), s.get(3)), x.getDataType(),
                x.getDevice());
        return NDArrays.concat(new ai.djl.ndarray.NDList(sub, zeros), 1);
    }
}

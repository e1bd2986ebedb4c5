package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.zoo.api.spec.Shortcut;

/**
 * The option-A shortcut of He et al. 2015: {@code x[:, :, ::stride, ::stride]} followed by zero
 * channels up to {@code outChannels}; it has no parameters.
 *
 * <p>On libtorch the subsampling indexes the two spatial axes only ({@code [..., ::s, ::s]}). Written
 * as {@code [:, :, ::s, ::s]}, DJL slices the two full axes too, and libtorch's backward of every
 * slice fills a zero tensor the size of its input and copies the gradient into it: at ResNet-20's
 * batch of 128 the two full slices cost 11 ms of fills per step (docs/measurements.md). It is now a
 * pooling ({@link #subsample}), whose gradient keeps the input's layout. On
 * libtorch the zero channels are one constant pad (MXNet's pad cannot pad the channel axis, so
 * there they are a concatenation).
 */
final class ZeroPadShortcutOp {

    private ZeroPadShortcutOp() {
    }

    static NDArray apply(NDArray x, Shortcut.ZeroPad spec) {
        int stride = spec.stride();
        NDArray sub = stride == 1 ? x
                : x instanceof PtNDArray p ? subsample(p, stride)
                : x.get(new NDIndex(":, :, ::{}, ::{}", stride, stride));
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

    /**
     * {@code x[..., ::s, ::s]} on libtorch as max pooling over 1x1 windows at stride {@code s}: the
     * same values (the maximum of one value), and a gradient in the input's memory layout. Sliced,
     * the gradient came back NCHW whatever the input's layout (libtorch's slice backward fills a
     * contiguous zero tensor), so with channels-last activations the block input's gradient mixed
     * the two layouts, and the ReLU backward before it took 2.5-4.7 ms a step instead of 0.2-0.4 at
     * ResNet-20's batch of 128 (docs/measurements.md). The strided 1x1 projections of
     * {@link PointwiseConvolution} subsample the same way. (Average pooling over 1x1 windows, tried
     * first, made two libtorch networks training at once in one Spark JVM fail now and then.)
     */
    static NDArray subsample(PtNDArray x, int s) {
        return JniUtils.maxPool(x, new Shape(1, 1), new Shape(s, s), new Shape(0, 0), false);
    }
}

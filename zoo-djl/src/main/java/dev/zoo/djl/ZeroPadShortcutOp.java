package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.zoo.api.spec.Shortcut;

/**
 * The option-A shortcut of He et al. 2015: {@code x[:, :, ::stride, ::stride]} followed by zero
 * channels up to {@code outChannels}; it has no parameters.
 */
final class ZeroPadShortcutOp {

    private ZeroPadShortcutOp() {
    }

    static NDArray apply(NDArray x, Shortcut.ZeroPad spec) {
        int stride = spec.stride();
        NDArray sub = stride == 1 ? x : x.get(new NDIndex(":, :, ::{}, ::{}", stride, stride));
        Shape s = sub.getShape();
        long extra = spec.outChannels() - s.get(1);
        if (extra == 0) {
            return sub;
        }
        NDArray zeros = x.getManager().zeros(new Shape(s.get(0), extra, s.get(2), s.get(3)), x.getDataType(),
                x.getDevice());
        return NDArrays.concat(new ai.djl.ndarray.NDList(sub, zeros), 1);
    }
}

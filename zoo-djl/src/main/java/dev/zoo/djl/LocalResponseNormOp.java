package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.zoo.api.spec.LocalResponseNorm;

/**
 * Local response normalisation across channels with PyTorch's definition, built from plain tensor
 * operations so it runs (and differentiates) on every DJL engine, none of which ships it as a
 * block: {@code b = a / (k + alpha/size * sum(a^2 over channels [c - size/2, c + (size-1)/2]))^beta}.
 */
final class LocalResponseNormOp {

    private LocalResponseNormOp() {
    }

    static NDArray apply(NDArray x, LocalResponseNorm spec) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        int before = spec.size() / 2;
        int after = (spec.size() - 1) / 2;
        NDArray squared = x.square();
        NDList parts = new NDList();
        if (before > 0) {
            parts.add(x.getManager().zeros(new Shape(n, before, s.get(2), s.get(3)), x.getDataType(), x.getDevice()));
        }
        parts.add(squared);
        if (after > 0) {
            parts.add(x.getManager().zeros(new Shape(n, after, s.get(2), s.get(3)), x.getDataType(), x.getDevice()));
        }
        NDArray padded = parts.size() == 1 ? squared : NDArrays.concat(parts, 1);
        NDArray sum = null;
        for (int j = 0; j < spec.size(); j++) {
            NDArray window = padded.get(new NDIndex(":, {}:{}", j, j + c));
            sum = sum == null ? window : sum.add(window);
        }
        NDArray denominator = sum.mul(spec.alpha() / spec.size()).add(spec.k()).pow(spec.beta());
        return x.div(denominator);
    }
}

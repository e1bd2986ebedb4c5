package dev.zoo.djl;

import ai.djl.ndarray.types.DataType;
import dev.zoo.api.spec.Shape;

/**
 * Channels-last memory for images on libtorch: the batch keeps its NCHW shape, but its values lie
 * in NHWC order (strides {@code H*W*C, 1, W*C, C}), PyTorch's {@code torch.channels_last}. libtorch
 * then runs every convolution in oneDNN's NHWC kernels and returns channels-last outputs and
 * gradients, which batch norm, ReLU, pooling and additions keep; shapes, parameters, weight
 * layouts and results are those of NCHW (to float rounding: the kernels sum in another order).
 *
 * <p>Measured on 2 CPU cores (docs/measurements.md; cuDNN on a GPU is not measured here): ResNet-20
 * at batch 128 trains 13-27% faster than in NCHW in four back-to-back pairs; the convolutions take a
 * third less time, and the stride-2 convolutions no longer copy their NHWC input gradient back to
 * NCHW.
 *
 * <p>On libtorch for float32 images (rank-3 items); float64 stays NCHW, where oneDNN does not run.
 * {@code -Dzoo.djl.channelsLast=false} keeps NCHW.
 */
final class ChannelsLast {

    static final String PROPERTY = "zoo.djl.channelsLast";

    private ChannelsLast() {
    }

    /** Whether images of {@code input} go channels-last on {@code engine} at {@code dataType}. */
    static boolean applies(String engine, DataType dataType, Shape input) {
        return "PyTorch".equals(engine) && dataType == DataType.FLOAT32 && input.dims().size() == 3
                && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** {@code n} images of {@code c x h x w} values in NCHW order, rewritten in NHWC order. */
    static float[] fromNchw(float[] nchw, int n, int c, int h, int w) {
        int plane = h * w;
        int image = c * plane;
        if (nchw.length != n * image) {
            throw new IllegalArgumentException("channels-last: " + nchw.length + " values are not " + n + " images of "
                    + c + "x" + h + "x" + w);
        }
        float[] nhwc = new float[nchw.length];
        for (int i = 0; i < n; i++) {
            int base = i * image;
            for (int ch = 0; ch < c; ch++) {
                int from = base + ch * plane;
                for (int p = 0; p < plane; p++) {
                    nhwc[base + p * c + ch] = nchw[from + p];
                }
            }
        }
        return nhwc;
    }
}

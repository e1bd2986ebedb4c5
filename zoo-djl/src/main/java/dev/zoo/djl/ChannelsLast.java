package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterRole;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

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

    /**
     * Overwrites {@code weight} ({@code out x in x kh x kw}, float32) with {@code values} in NCHW
     * order and lays it out channels-last, keeping its shape and gradient: with NHWC activations
     * libtorch's convolution would otherwise convert an NCHW weight to NHWC in the forward and the
     * backward pass and copy its gradient back, three copies of every convolution weight per step
     * (ResNet-18 at batch 128: 32 ms per step, VGG-16-BN 33 ms; docs/measurements.md). Momentum
     * buffers written the same way, gradients and every in-place update keep the layout; values
     * are read and written by index as before. (DJL's own writes replace an array with a
     * contiguous one, so every write of such a weight or buffer goes through here.)
     */
    static void write(NDArray weight, float[] values) {
        long[] s = weight.getShape().getShape();
        if (s.length != 4 || weight.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("channels-last: a convolution weight is float32 with 4 dimensions, not "
                    + weight.getDataType() + " " + weight.getShape());
        }
        boolean gradient = weight.hasGradient();
        // the view wraps a Java buffer that goes with the scratch manager: libtorch's clone of it
        // keeps its strides in memory of libtorch's own
        try (NDManager scratch = weight.getManager().newSubManager()) {
            weight.intern(array(scratch, values, Math.toIntExact(s[0]), Math.toIntExact(s[1]), Math.toIntExact(s[2]),
                    Math.toIntExact(s[3])).duplicate());
        }
        if (gradient) {
            weight.setRequiresGradient(true);
        }
    }

    /**
     * {@code n x c x h x w} float32 values given in NCHW order, as an array of that shape in NHWC
     * memory: a permuted view of an array made in {@code manager}, valid while that manager lives.
     */
    static NDArray array(NDManager manager, float[] nchw, int n, int c, int h, int w) {
        return manager.create(fromNchw(nchw, n, c, h, w), new ai.djl.ndarray.types.Shape(n, h, w, c))
                .transpose(0, 3, 1, 2);
    }

    /**
     * One native buffer that each batch's images are written into in NHWC order, reused from batch to
     * batch, and the array over it. Made afresh, a batch of 128 CIFAR images went through a
     * 1.5 MB Java array the collector zeroes and a direct buffer it zeroes again before the copy:
     * 2.7% of a ResNet-20 step's wall time on the JVM's thread (docs/measurements.md). An array it
     * returns shares the buffer, so it must be closed, as the step's manager does, before the next
     * call; one network's steps run one after another.
     */
    static final class Staging {

        private ByteBuffer buffer;

        /**
         * {@code n x c x h x w} float32 values given in NCHW order, as an array of that shape in NHWC
         * memory in {@code manager}, valid until the next call.
         */
        NDArray array(NDManager manager, float[] nchw, int n, int c, int h, int w) {
            int plane = h * w;
            int image = c * plane;
            if (nchw.length != n * image) {
                throw new IllegalArgumentException("channels-last: " + nchw.length + " values are not " + n
                        + " images of " + c + "x" + h + "x" + w);
            }
            long bytes = 4L * nchw.length;
            if (buffer == null || buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
            }
            FloatBuffer out = buffer.asFloatBuffer();
            for (int i = 0; i < n; i++) {
                int base = i * image;
                for (int p = 0; p < plane; p++) {
                    for (int ch = 0; ch < c; ch++) {
                        out.put(nchw[base + ch * plane + p]);
                    }
                }
            }
            PtNDArray nhwc = JniUtils.createNdFromByteBuffer((PtNDManager) manager, buffer,
                    new ai.djl.ndarray.types.Shape(n, h, w, c), DataType.FLOAT32, SparseFormat.DENSE,
                    manager.getDevice());
            return nhwc.transpose(0, 3, 1, 2);
        }
    }

    /** The names of {@code architecture}'s convolution weights, kept channels-last when its images are. */
    static Set<String> weights(Architecture architecture) {
        Set<String> names = new LinkedHashSet<>();
        for (ParameterSpec p : architecture.parameters()) {
            if (p.role() == ParameterRole.CONV_WEIGHT && p.shape().size() == 4) {
                names.add(p.name());
            }
        }
        return Collections.unmodifiableSet(names);
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

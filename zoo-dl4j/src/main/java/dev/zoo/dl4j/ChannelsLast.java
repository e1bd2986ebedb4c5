package dev.zoo.dl4j;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The two places where a network compiled channels-last meets the NCHW world, as graph
 * pre-processors (used through a {@code PreprocessorVertex}):
 *
 * <ul>
 *   <li>{@link #entry}: the network's NCHW input images, copied to NHWC for the layers that follow;
 *       the backward pass copies a gradient back to NCHW, and passes on none when the first layer
 *       computes none (nothing reads the gradient with respect to the network's input).</li>
 *   <li>{@link #flatten}: NHWC images flattened in NCHW order ({@code c, h, w}), as PyTorch's
 *       {@code flatten} and the spec's dense weights number them. DL4J's own
 *       {@code CnnToFeedForwardPreProcessor} flattens NHWC as {@code h, w, c}, which would give the
 *       dense layer after it other weights than every other backend.</li>
 * </ul>
 */
final class ChannelsLast implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private final boolean flatten;
    private final long height;
    private final long width;
    private final long channels;

    private ChannelsLast(boolean flatten, long height, long width, long channels) {
        this.flatten = flatten;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** NCHW images of {@code channels x height x width} to NHWC. */
    static ChannelsLast entry(long height, long width, long channels) {
        return new ChannelsLast(false, height, width, channels);
    }

    /** NHWC images of {@code channels x height x width} to rows of {@code c*h*w} values in NCHW order. */
    static ChannelsLast flatten(long height, long width, long channels) {
        return new ChannelsLast(true, height, width, channels);
    }

    private void require(INDArray a, String what, long... shape) {
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new IllegalStateException("dl4j: " + (flatten ? "flattening NHWC images" : "the NCHW to NHWC copy")
                    + " expects " + what + " of shape " + java.util.Arrays.toString(shape) + ", got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long n = input.size(0);
        if (flatten) {
            require(input, "NHWC images", n, height, width, channels);
            return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 3, 1, 2), 'c')
                    .reshape('c', n, channels * height * width);
        }
        require(input, "NCHW images", n, channels, height, width);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, input.permute(0, 2, 3, 1), 'c');
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (output == null) {
            return null;
        }
        long n = output.size(0);
        if (flatten) {
            require(output, "a gradient", n, channels * height * width);
            INDArray nchw = output.reshape('c', n, channels, height, width);
            return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, nchw.permute(0, 2, 3, 1), 'c');
        }
        require(output, "a gradient", n, height, width, channels);
        return workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, output.permute(0, 3, 1, 2), 'c');
    }

    @Override
    public ChannelsLast clone() {
        return new ChannelsLast(flatten, height, width, channels);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return flatten ? InputType.feedForward(channels * height * width)
                : InputType.convolutional(height, width, channels, CNN2DFormat.NHWC);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelsLast c && c.flatten == flatten && c.height == height && c.width == width
                && c.channels == channels;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(flatten, height, width, channels);
    }
}

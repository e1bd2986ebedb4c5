package dev.zoo.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;

/**
 * The option-A shortcut of He et al. 2015 as a parameter-free graph step: {@code x[:, :, ::s, ::s]}
 * followed by zero channels up to {@code outChannels}. DL4J has no built-in vertex for this, and a
 * fixed 1x1 convolution would add parameters that the architecture does not have, so it is a
 * pre-processor (used through a {@code PreprocessorVertex}) with an exact backward pass: the
 * gradient of the kept pixels flows back, the zero channels and skipped pixels get none.
 */
public final class ZeroPadShortcut implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private final int stride;
    private final int inChannels;
    private final int outChannels;
    private final int inHeight;
    private final int inWidth;
    /** Whether the images are NHWC (else NCHW). */
    private final boolean nhwc;

    public ZeroPadShortcut(int stride, int inChannels, int outChannels, int inHeight, int inWidth) {
        this(stride, inChannels, outChannels, inHeight, inWidth, false);
    }

    /** The shortcut over NHWC images when {@code nhwc}, else NCHW. */
    public ZeroPadShortcut(int stride, int inChannels, int outChannels, int inHeight, int inWidth, boolean nhwc) {
        if (outChannels < inChannels) {
            throw new IllegalArgumentException("zero-pad shortcut: out channels " + outChannels
                    + " must be >= in channels " + inChannels);
        }
        this.stride = stride;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.nhwc = nhwc;
    }

    /** The shape of {@code n} images of {@code channels} x {@code height} x {@code width} in this layout. */
    private long[] shape(long n, long channels, long height, long width) {
        return nhwc ? new long[] {n, height, width, channels} : new long[] {n, channels, height, width};
    }

    /** The indices of the channels {@code channels} and of the pixels {@code pixels} in this layout. */
    private INDArrayIndex[] at(INDArrayIndex channels, INDArrayIndex rows, INDArrayIndex columns) {
        return nhwc ? new INDArrayIndex[] {all(), rows, columns, channels}
                : new INDArrayIndex[] {all(), channels, rows, columns};
    }

    private int outHeight() {
        return (inHeight - 1) / stride + 1;
    }

    private int outWidth() {
        return (inWidth - 1) / stride + 1;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, input.dataType(),
                shape(input.size(0), outChannels, outHeight(), outWidth()), 'c');
        out.get(at(interval(0, inChannels), all(), all()))
                .assign(input.get(at(all(), interval(0, stride, inHeight), interval(0, stride, inWidth))));
        return out;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray grad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, output.dataType(),
                shape(output.size(0), inChannels, inHeight, inWidth), 'c');
        grad.get(at(all(), interval(0, stride, inHeight), interval(0, stride, inWidth)))
                .assign(output.get(at(interval(0, inChannels), all(), all())));
        return grad;
    }

    @Override
    public ZeroPadShortcut clone() {
        return new ZeroPadShortcut(stride, inChannels, outChannels, inHeight, inWidth, nhwc);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return InputType.convolutional(outHeight(), outWidth(), outChannels,
                nhwc ? CNN2DFormat.NHWC : CNN2DFormat.NCHW);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }
}

package dev.zoo.dl4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Local response normalisation with PyTorch's definition,
 * {@code b_c = a_c * D_c^-beta} with {@code D_c = k + alpha/size * sum(a_j^2, j in [c - size/2, c + (size-1)/2])},
 * as a parameter-free graph step (used through a {@code PreprocessorVertex}) with its exact
 * backward pass: {@code da_j = g_j D_j^-beta - 2 alpha beta / size * a_j * sum(g_c a_c D_c^(-beta-1), c with j in window(c))}.
 *
 * <p>Why not DL4J's {@code LocalResponseNormalization}: its forward pass matches PyTorch once alpha
 * is divided by the size, but in 1.0.0-M2.1 its backward pass does not (the gradient of a
 * convolution below it differs from PyTorch's by 1-2%); and a SameDiff layer doing the same
 * arithmetic returned twice the input gradient. The forward input is kept for the backward pass.
 */
public final class PytorchLocalResponseNorm implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    private final int size;
    private final double alpha;
    private final double beta;
    private final double k;
    private transient INDArray input;
    private transient INDArray denominator;

    public PytorchLocalResponseNorm(int size, double alpha, double beta, double k) {
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    /** {@code out[:, c] = sum(x[:, c + d], d in [-before, after])}, zero outside the channels. */
    static INDArray windowSum(INDArray x, int before, int after) {
        long channels = x.size(1);
        INDArray out = x.ulike().assign(0);
        for (int d = -before; d <= after; d++) {
            long from = Math.max(0, -d);
            long to = Math.min(channels, channels - d);
            if (from < to) {
                out.get(all(), interval(from, to), all(), all()).addi(x.get(all(), interval(from + d, to + d), all(), all()));
            }
        }
        return out;
    }

    @Override
    public INDArray preProcess(INDArray in, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray result;
        // The input and denominator are kept for the backward pass, so they live outside DL4J's
        // workspaces (which are recycled between the forward and backward pass).
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            input = in.dup('c');
            denominator = windowSum(input.mul(input), size / 2, (size - 1) / 2).muli(alpha / size).addi(k);
            result = input.mul(Transforms.pow(denominator, -beta, true));
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), in.shape(), 'c');
        return out.assign(result);
    }

    @Override
    public INDArray backprop(INDArray gradient, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray result;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray g = gradient.dup('c');
            INDArray direct = g.mul(Transforms.pow(denominator, -beta, true));
            INDArray through = g.mul(input).muli(Transforms.pow(denominator, -beta - 1, true));
            INDArray spread = windowSum(through, (size - 1) / 2, size / 2).muli(input).muli(2 * alpha * beta / size);
            result = direct.subi(spread);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, gradient.dataType(), gradient.shape(),
                'c');
        return out.assign(result);
    }

    @Override
    public PytorchLocalResponseNorm clone() {
        return new PytorchLocalResponseNorm(size, alpha, beta, k);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }
}

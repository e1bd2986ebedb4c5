package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link SequentialBlock} that lets go of each intermediate result as soon as the next child has
 * read it, as Python's reference counting does for a {@code torch.nn.Sequential}.
 *
 * <p>Why: DJL keeps every array a step creates until the step's manager closes, so all of a training
 * step's activations and gradients stay allocated at once, where the engine's autograd (libtorch's,
 * MXNet's) keeps by itself what the backward pass needs. Peak resident memory of a ResNet-20 training
 * step at batch 128 on libtorch went from 853-863 to 771-777 MB; on MXNet the lesson CNN's step at
 * batch 128 went from 35.5-38.8 to 29.2-29.4 ms (docs/measurements.md). Releasing the Java handle
 * only drops a reference: an array a later block still reads (a residual unit's input, the network
 * input) is never an intermediate of this sequence, and one a child passes through unchanged is
 * kept. On MXNet the handle is freed without DJL's wait for the engine ({@link MxnetRelease}).
 * {@code -Dzoo.djl.release=false} keeps DJL's behaviour.
 */
final class ReleasingSequentialBlock extends SequentialBlock {

    /** The system property that turns the early release off ({@code false}). */
    static final String PROPERTY = "zoo.djl.release";

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!releasing() || inputs.isEmpty()) {
            return super.forwardInternal(parameterStore, inputs, training, params);
        }
        NDList current = inputs;
        for (Block child : getChildren().values()) {
            NDList next = child.forward(parameterStore, current, training, params);
            if (current != inputs) {
                release(current, next, inputs);
            }
            current = next;
        }
        return current;
    }

    static boolean releasing() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /**
     * Closes the arrays of {@code done} that neither {@code next} nor the sequence's {@code inputs}
     * hold: a child that hands its input on unchanged (dropout at evaluation) puts the sequence's
     * own input into {@code done}, and a residual unit still reads that input for its shortcut.
     */
    private static void release(NDList done, NDList next, NDList inputs) {
        for (NDArray array : done) {
            if (!holds(next, array) && !holds(inputs, array)) {
                MxnetRelease.release(array);
            }
        }
    }

    private static boolean holds(NDList list, NDArray array) {
        for (NDArray a : list) {
            if (a == array) {
                return true;
            }
        }
        return false;
    }
}

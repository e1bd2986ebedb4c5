package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A parameter-free layer whose output shape is known from zoo-api's shape inference. DJL's own
 * {@code LambdaBlock} infers shapes by running the lambda on the default engine, which breaks when
 * the network lives on another engine; this block never does.
 */
final class OpBlock extends AbstractBlock {

    /** The operation, given the input and whether the pass is training. */
    @FunctionalInterface
    interface Op {
        NDArray apply(NDArray input, boolean training);
    }

    private final String path;
    private final Op op;
    private final long[] itemOutput;

    OpBlock(String path, Op op, List<Integer> itemOutputShape) {
        this.path = path;
        this.op = op;
        this.itemOutput = itemOutputShape.stream().mapToLong(Integer::longValue).toArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(op.apply(inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] dims = new long[itemOutput.length + 1];
        dims[0] = inputShapes[0].get(0);
        System.arraycopy(itemOutput, 0, dims, 1, itemOutput.length);
        return new Shape[] {new Shape(dims)};
    }

    @Override
    public String toString() {
        return "OpBlock(" + path + ")";
    }
}

package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * {@code activation(body(x) + shortcut(x))}: the input is added before the activation, as in
 * He et al. 2015. The shortcut is a block (a projection) or a parameter-free function
 * (identity, option-A zero padding).
 */
final class ResidualBlock extends AbstractBlock {

    private final Block body;
    private final Block shortcut;
    private final UnaryOperator<NDArray> activation;

    ResidualBlock(Block body, Block shortcut, UnaryOperator<NDArray> activation) {
        this.body = addChildBlock("body", body);
        this.shortcut = addChildBlock("shortcut", shortcut);
        this.activation = activation;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray main = body.forward(parameterStore, inputs, training).singletonOrThrow();
        NDArray skip = shortcut.forward(parameterStore, inputs, training).singletonOrThrow();
        return new NDList(activation.apply(main.add(skip)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
        shortcut.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }
}

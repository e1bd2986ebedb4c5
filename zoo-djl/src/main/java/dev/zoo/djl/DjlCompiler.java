package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.LayerVisitor;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shortcut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns a zoo layer tree into DJL blocks: DJL's own blocks where they exist (convolution, linear,
 * batch norm) and {@link OpBlock}s for the parameter-free layers, and binds every canonical
 * parameter name to the DJL parameter that holds it.
 */
final class DjlCompiler implements LayerVisitor<Block> {

    private final Architecture architecture;
    private final Map<String, Parameter> bound = new LinkedHashMap<>();
    private final DropoutSwitch dropout = new DropoutSwitch();
    private final List<ExactBatchNorm> batchNorms = new ArrayList<>();

    private DjlCompiler(Architecture architecture) {
        this.architecture = architecture;
    }

    /** The uninitialised block for {@code architecture}, with its parameter bindings. */
    static CompiledBlock compile(Architecture architecture) {
        DjlCompiler compiler = new DjlCompiler(architecture);
        SequentialBlock root = new ReleasingSequentialBlock();
        for (Layer child : architecture.network().layers()) {
            root.add(child.accept(compiler, Layer.childPath("", child)));
        }
        Map<String, Parameter> ordered = new LinkedHashMap<>();
        architecture.parameters().forEach(p -> {
            Parameter parameter = compiler.bound.get(p.name());
            if (parameter == null) {
                throw new IllegalStateException("compiler bound no DJL parameter for '" + p.name() + "'");
            }
            ordered.put(p.name(), parameter);
        });
        if (ordered.size() != compiler.bound.size()) {
            throw new IllegalStateException("compiler bound " + compiler.bound.keySet()
                    + " but the architecture lists " + ordered.keySet());
        }
        return new CompiledBlock(root, ordered, compiler.dropout, List.copyOf(compiler.batchNorms));
    }

    private void bind(String path, String suffix, Block block, String djlName) {
        bound.put(path + "." + suffix, block.getDirectParameters().get(djlName));
    }

    private List<Integer> outputOf(String path) {
        return architecture.node(path).output().dims();
    }

    private static Shape square(int n) {
        return new Shape(n, n);
    }

    @Override
    public Block visitConv2d(dev.zoo.api.spec.Conv2d layer, String path) {
        Conv2d block = Conv2d.builder().setFilters(layer.filters()).setKernelShape(square(layer.kernel()))
                .optStride(square(layer.stride())).optPadding(square(layer.padding())).optBias(layer.bias()).build();
        bind(path, "weight", block, "weight");
        if (layer.bias()) {
            bind(path, "bias", block, "bias");
        }
        return PointwiseConvolution.of(block, layer.kernel(), layer.stride(), layer.padding(), layer.filters());
    }

    @Override
    public Block visitDense(Dense layer, String path) {
        Block block = Linear.builder().setUnits(layer.units()).optBias(layer.bias()).build();
        bind(path, "weight", block, "weight");
        if (layer.bias()) {
            bind(path, "bias", block, "bias");
        }
        return block;
    }

    @Override
    public Block visitPool(dev.zoo.api.spec.Pool layer, String path) {
        Shape kernel = square(layer.kernel());
        Shape stride = square(layer.stride());
        Shape padding = square(layer.padding());
        OpBlock.Op op = layer.type() == PoolType.MAX
                ? (x, training) -> Pool.maxPool2d(x, kernel, stride, padding, false)
                : (x, training) -> Pool.avgPool2d(x, kernel, stride, padding, false, true);
        return new OpBlock(path, op, outputOf(path));
    }

    @Override
    public Block visitGlobalPool(GlobalPool layer, String path) {
        // PyTorch's DJL engine reduces one axis at a time, so pool over the flattened H*W axis.
        int[] spatial = {2};
        OpBlock.Op op = layer.type() == PoolType.MAX
                ? (x, training) -> x.reshape(x.getShape().get(0), x.getShape().get(1), -1).max(spatial)
                : (x, training) -> x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(spatial);
        return new OpBlock(path, op, outputOf(path));
    }

    @Override
    public Block visitBatchNorm(dev.zoo.api.spec.BatchNorm layer, String path) {
        // zoo-api keeps PyTorch's convention (momentum = weight of the new batch statistic).
        ExactBatchNorm block = new ExactBatchNorm(layer.epsilon(), layer.momentum());
        batchNorms.add(block);
        bind(path, "weight", block.parameters(), "gamma");
        bind(path, "bias", block.parameters(), "beta");
        bind(path, "running_mean", block.parameters(), "runningMean");
        bind(path, "running_var", block.parameters(), "runningVar");
        return block;
    }

    @Override
    public Block visitActivation(Activation layer, String path) {
        UnaryOperator<NDArray> f = activation(layer.function());
        return new OpBlock(path, (x, training) -> f.apply(x), outputOf(path));
    }

    static UnaryOperator<NDArray> activation(ActivationKind kind) {
        if (kind == null) {
            return x -> x;
        }
        return switch (kind) {
            case RELU -> ai.djl.nn.Activation::relu;
            case TANH -> ai.djl.nn.Activation::tanh;
            case SIGMOID -> ai.djl.nn.Activation::sigmoid;
        };
    }

    @Override
    public Block visitDropout(dev.zoo.api.spec.Dropout layer, String path) {
        float rate = (float) layer.rate();
        DropoutSwitch on = dropout;
        return new OpBlock(path, (x, training) -> training && on.enabled() && rate > 0
                ? Dropout.dropout(x, rate, true).singletonOrThrow() : x, outputOf(path));
    }

    @Override
    public Block visitFlatten(Flatten layer, String path) {
        return new OpBlock(path, (x, training) -> x.reshape(x.getShape().get(0), -1), outputOf(path));
    }

    @Override
    public Block visitLocalResponseNorm(LocalResponseNorm layer, String path) {
        return new OpBlock(path, (x, training) -> LocalResponseNormOp.apply(x, layer), outputOf(path));
    }

    @Override
    public Block visitSequential(Sequential layer, String path) {
        SequentialBlock block = new ReleasingSequentialBlock();
        for (Layer child : layer.layers()) {
            block.add(child.accept(this, Layer.childPath(path, child)));
        }
        return block;
    }

    @Override
    public Block visitResidual(Residual layer, String path) {
        SequentialBlock body = new ReleasingSequentialBlock();
        for (Layer child : layer.body().layers()) {
            body.add(child.accept(this, Layer.childPath(path, child)));
        }
        List<Integer> inputShape = architecture.node(path).input().dims();
        Block shortcut;
        if (layer.shortcut() instanceof Shortcut.Identity) {
            shortcut = new OpBlock(Residual.shortcutPath(path), (x, training) -> x, inputShape);
        } else if (layer.shortcut() instanceof Shortcut.ZeroPad pad) {
            shortcut = new OpBlock(Residual.shortcutPath(path), (x, training) -> ZeroPadShortcutOp.apply(x, pad),
                    outputOf(path));
        } else {
            Sequential projection = ((Shortcut.Projection) layer.shortcut()).layers();
            shortcut = visitSequential(projection, Residual.shortcutPath(path));
        }
        return new ResidualBlock(body, shortcut, activation(layer.activation()));
    }
}

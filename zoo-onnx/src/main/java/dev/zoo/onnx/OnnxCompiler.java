package dev.zoo.onnx;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.LayerVisitor;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shortcut;
import dev.zoo.api.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a zoo layer tree into ONNX inference operators. Each layer becomes a {@link Stage}: a
 * function from the name of its input value to the name of its output value, emitting its nodes
 * into the graph when applied; composites chain their children's stages.
 */
final class OnnxCompiler implements LayerVisitor<OnnxCompiler.Stage> {

    /** A compiled layer: given its input value's name, emits its nodes and returns its output value's name. */
    @FunctionalInterface
    interface Stage {
        String apply(String input);
    }

    private final Architecture architecture;
    private final Weights weights;
    private final OnnxGraph graph;

    OnnxCompiler(Architecture architecture, Weights weights, OnnxGraph graph) {
        this.architecture = architecture;
        this.weights = weights;
        this.graph = graph;
    }

    /** The stage of the whole network (the root's own name is not a path segment). */
    Stage network() {
        return chain(architecture.network(), "");
    }

    @Override
    public Stage visitConv2d(Conv2d layer, String path) {
        int k = layer.kernel();
        int s = layer.stride();
        int p = layer.padding();
        return input -> graph.op("Conv", path, weighted(input, path, layer.bias()),
                OnnxProto.attribute("kernel_shape", k, k), OnnxProto.attribute("strides", s, s),
                OnnxProto.attribute("pads", p, p, p, p), OnnxProto.attribute("dilations", 1, 1),
                OnnxProto.attribute("group", 1L));
    }

    @Override
    public Stage visitDense(Dense layer, String path) {
        // Gemm with transB: the canonical [out, in] kernel is ONNX's B transposed
        return input -> graph.op("Gemm", path, weighted(input, path, layer.bias()), OnnxProto.attribute("transB", 1L));
    }

    @Override
    public Stage visitPool(Pool layer, String path) {
        int k = layer.kernel();
        int s = layer.stride();
        int p = layer.padding();
        return input -> layer.type() == PoolType.MAX
                ? graph.op("MaxPool", path, List.of(input), OnnxProto.attribute("kernel_shape", k, k),
                        OnnxProto.attribute("strides", s, s), OnnxProto.attribute("pads", p, p, p, p))
                // the zoo's average pool counts padded zeros, as PyTorch's default does
                : graph.op("AveragePool", path, List.of(input), OnnxProto.attribute("kernel_shape", k, k),
                        OnnxProto.attribute("strides", s, s), OnnxProto.attribute("pads", p, p, p, p),
                        OnnxProto.attribute("count_include_pad", 1L));
    }

    @Override
    public Stage visitGlobalPool(GlobalPool layer, String path) {
        String op = layer.type() == PoolType.MAX ? "GlobalMaxPool" : "GlobalAveragePool";
        return input -> graph.op("Flatten", path, List.of(graph.op(op, path + ":pool", List.of(input))),
                OnnxProto.attribute("axis", 1L));
    }

    @Override
    public Stage visitBatchNorm(BatchNorm layer, String path) {
        // inference form: the running statistics normalise; momentum plays no part
        return input -> graph.op("BatchNormalization", path, List.of(input, weight(path, "weight"),
                weight(path, "bias"), weight(path, "running_mean"), weight(path, "running_var")),
                OnnxProto.attribute("epsilon", (float) layer.epsilon()));
    }

    @Override
    public Stage visitActivation(Activation layer, String path) {
        String op = switch (layer.function()) {
            case RELU -> "Relu";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
        };
        return input -> graph.op(op, path, List.of(input));
    }

    @Override
    public Stage visitDropout(Dropout layer, String path) {
        // inference graph: dropout is the identity, so it emits nothing
        return input -> input;
    }

    @Override
    public Stage visitFlatten(Flatten layer, String path) {
        return input -> graph.op("Flatten", path, List.of(input), OnnxProto.attribute("axis", 1L));
    }

    @Override
    public Stage visitLocalResponseNorm(LocalResponseNorm layer, String path) {
        if (layer.size() % 2 == 0) {
            // PyTorch sums size/2 channels before and size/2 - 1 after; ONNX the other way round
            throw new IllegalArgumentException(path + ": ONNX export: LocalResponseNorm size must be odd (ONNX's LRN"
                    + " window differs from PyTorch's for even sizes), got " + layer.size());
        }
        return input -> graph.op("LRN", path, List.of(input), OnnxProto.attribute("size", (long) layer.size()),
                OnnxProto.attribute("alpha", (float) layer.alpha()), OnnxProto.attribute("beta", (float) layer.beta()),
                OnnxProto.attribute("bias", (float) layer.k()));
    }

    @Override
    public Stage visitSequential(Sequential layer, String path) {
        return chain(layer, path);
    }

    @Override
    public Stage visitResidual(Residual layer, String path) {
        Stage body = chain(layer.body(), path);
        Stage shortcut = layer.shortcut().accept(new Shortcut.Visitor<>() {
            @Override
            public Stage identity(Shortcut.Identity identity) {
                return input -> input;
            }

            @Override
            public Stage zeroPad(Shortcut.ZeroPad zeroPad) {
                return zeroPadShortcut(zeroPad, path);
            }

            @Override
            public Stage projection(Shortcut.Projection projection) {
                return chain(projection.layers(), Residual.shortcutPath(path));
            }
        });
        return input -> {
            String sum = graph.op("Add", layer.activation() == null ? path : path + ":add",
                    List.of(body.apply(input), shortcut.apply(input)));
            return layer.activation() == null ? sum
                    : visitActivation(new Activation(layer.name(), layer.activation()), path).apply(sum);
        };
    }

    /** Option A: {@code x[:, :, ::stride, ::stride]}, then zero channels appended up to the output's. */
    private Stage zeroPadShortcut(Shortcut.ZeroPad zeroPad, String path) {
        int inChannels = architecture.node(path).input().channels();
        int extra = zeroPad.outChannels() - inChannels;
        int stride = zeroPad.stride();
        return input -> {
            String x = input;
            if (stride != 1) {
                x = graph.op("Slice", path + ":subsample", List.of(x, graph.longs(path + ":starts", 0, 0),
                        graph.longs(path + ":ends", Long.MAX_VALUE, Long.MAX_VALUE), graph.longs(path + ":axes", 2, 3),
                        graph.longs(path + ":steps", stride, stride)));
            }
            if (extra != 0) {
                x = graph.op("Pad", path + ":zero_channels", List.of(x,
                        graph.longs(path + ":pads", 0, 0, 0, 0, 0, extra, 0, 0)));
            }
            return x;
        };
    }

    private Stage chain(Sequential sequential, String path) {
        List<Stage> stages = new ArrayList<>();
        for (Layer child : sequential.layers()) {
            stages.add(child.accept(this, Layer.childPath(path, child)));
        }
        return input -> {
            String value = input;
            for (Stage stage : stages) {
                value = stage.apply(value);
            }
            return value;
        };
    }

    /** The inputs of a weighted operator: its input value, the node's weight and, if it has one, its bias. */
    private List<String> weighted(String input, String path, boolean bias) {
        List<String> inputs = new ArrayList<>(List.of(input, weight(path, "weight")));
        if (bias) {
            inputs.add(weight(path, "bias"));
        }
        return inputs;
    }

    private String weight(String path, String suffix) {
        String name = path + "." + suffix;
        return graph.weight(name, weights.get(name));
    }
}

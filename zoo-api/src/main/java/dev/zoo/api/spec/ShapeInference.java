package dev.zoo.api.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Walks a network from its input shape and records every node's input and output shape and its
 * parameters, rejecting impossible networks with the node's path, the rule and the numbers.
 */
final class ShapeInference implements LayerVisitor<Shape> {

    private final List<NodeShape> nodes = new ArrayList<>();
    private final List<ParameterSpec> parameters = new ArrayList<>();
    private Shape current;

    private ShapeInference(Shape input) {
        this.current = input;
    }

    record Result(Shape output, List<NodeShape> nodes, List<ParameterSpec> parameters) {
    }

    static Result run(Sequential root, Shape input) {
        ShapeInference inference = new ShapeInference(input);
        Shape out = inference.visitRoot(root);
        return new Result(out, Collections.unmodifiableList(inference.nodes),
                Collections.unmodifiableList(inference.parameters));
    }

    private Shape visitRoot(Sequential root) {
        for (Layer child : root.layers()) {
            current = child.accept(this, Layer.childPath("", child));
        }
        return current;
    }

    private Shape record(String path, Layer layer, Shape in, Shape out) {
        nodes.add(new NodeShape(path, layer, in, out));
        return out;
    }

    private void param(String path, String suffix, ParameterRole role, int fanIn, Integer... shape) {
        parameters.add(new ParameterSpec(path + "." + suffix, path, role, List.of(shape), fanIn));
    }

    private static Shape image(String path, Layer layer, Shape in) {
        if (!in.isImage()) {
            throw new SpecException(path, layer.kind() + " needs a CxHxW feature map but gets flat input " + in);
        }
        return in;
    }

    private static int windowOut(String path, String what, int size, int kernel, int stride, int padding, Shape in) {
        int span = size + 2 * padding - kernel;
        if (span < 0) {
            throw new SpecException(path, what + " " + kernel + " with padding " + padding + " shrinks "
                    + in.height() + "x" + in.width() + " input below 1x1");
        }
        return span / stride + 1;
    }

    @Override
    public Shape visitConv2d(Conv2d layer, String path) {
        Shape in = image(path, layer, current);
        int h = windowOut(path, "kernel", in.height(), layer.kernel(), layer.stride(), layer.padding(), in);
        int w = windowOut(path, "kernel", in.width(), layer.kernel(), layer.stride(), layer.padding(), in);
        int fanIn = in.channels() * layer.kernel() * layer.kernel();
        param(path, "weight", ParameterRole.CONV_WEIGHT, fanIn, layer.filters(), in.channels(), layer.kernel(),
                layer.kernel());
        if (layer.bias()) {
            param(path, "bias", ParameterRole.BIAS, fanIn, layer.filters());
        }
        return record(path, layer, in, Shape.chw(layer.filters(), h, w));
    }

    @Override
    public Shape visitDense(Dense layer, String path) {
        Shape in = current;
        if (in.rank() != 1) {
            throw new SpecException(path, "Dense needs a flat input but gets " + in
                    + "; put a Flatten or a GlobalPool before it");
        }
        int features = in.dim(0);
        param(path, "weight", ParameterRole.DENSE_WEIGHT, features, layer.units(), features);
        if (layer.bias()) {
            param(path, "bias", ParameterRole.BIAS, features, layer.units());
        }
        return record(path, layer, in, Shape.flat(layer.units()));
    }

    @Override
    public Shape visitPool(Pool layer, String path) {
        Shape in = image(path, layer, current);
        int h = windowOut(path, "pool window", in.height(), layer.kernel(), layer.stride(), layer.padding(), in);
        int w = windowOut(path, "pool window", in.width(), layer.kernel(), layer.stride(), layer.padding(), in);
        return record(path, layer, in, Shape.chw(in.channels(), h, w));
    }

    @Override
    public Shape visitGlobalPool(GlobalPool layer, String path) {
        Shape in = image(path, layer, current);
        return record(path, layer, in, Shape.flat(in.channels()));
    }

    @Override
    public Shape visitBatchNorm(BatchNorm layer, String path) {
        Shape in = current;
        int c = in.dim(0);
        param(path, "weight", ParameterRole.BN_GAMMA, 1, c);
        param(path, "bias", ParameterRole.BN_BETA, 1, c);
        param(path, "running_mean", ParameterRole.BN_RUNNING_MEAN, 1, c);
        param(path, "running_var", ParameterRole.BN_RUNNING_VAR, 1, c);
        return record(path, layer, in, in);
    }

    @Override
    public Shape visitActivation(Activation layer, String path) {
        return record(path, layer, current, current);
    }

    @Override
    public Shape visitDropout(Dropout layer, String path) {
        return record(path, layer, current, current);
    }

    @Override
    public Shape visitFlatten(Flatten layer, String path) {
        Shape in = current;
        long n = in.size();
        if (n > Integer.MAX_VALUE) {
            throw new SpecException(path, "flattened size must fit an int, got " + n);
        }
        return record(path, layer, in, Shape.flat((int) n));
    }

    @Override
    public Shape visitLocalResponseNorm(LocalResponseNorm layer, String path) {
        Shape in = image(path, layer, current);
        return record(path, layer, in, in);
    }

    @Override
    public Shape visitSequential(Sequential layer, String path) {
        Shape in = current;
        int index = nodes.size();
        for (Layer child : layer.layers()) {
            current = child.accept(this, Layer.childPath(path, child));
        }
        nodes.add(index, new NodeShape(path, layer, in, current));
        return current;
    }

    @Override
    public Shape visitResidual(Residual layer, String path) {
        Shape in = current;
        int index = nodes.size();
        for (Layer child : layer.body().layers()) {
            current = child.accept(this, Layer.childPath(path, child));
        }
        Shape bodyOut = current;
        current = in;
        Shape shortcutOut = layer.shortcut().accept(new Shortcut.Visitor<>() {
            @Override
            public Shape identity(Shortcut.Identity identity) {
                return in;
            }

            @Override
            public Shape zeroPad(Shortcut.ZeroPad pad) {
                Shape x = image(path, layer, in);
                if (pad.outChannels() < x.channels()) {
                    throw new SpecException(Residual.shortcutPath(path), "zero-pad shortcut cannot shrink channels: "
                            + x.channels() + " in, " + pad.outChannels() + " out");
                }
                return Shape.chw(pad.outChannels(), (x.height() - 1) / pad.stride() + 1,
                        (x.width() - 1) / pad.stride() + 1);
            }

            @Override
            public Shape projection(Shortcut.Projection projection) {
                return visitSequential(projection.layers(), Residual.shortcutPath(path));
            }
        });
        if (!bodyOut.equals(shortcutOut)) {
            throw new SpecException(path, "residual branches must agree in shape to be added: body gives " + bodyOut
                    + " but the " + describe(layer.shortcut()) + " shortcut gives " + shortcutOut);
        }
        current = bodyOut;
        nodes.add(index, new NodeShape(path, layer, in, bodyOut));
        return bodyOut;
    }

    private static String describe(Shortcut s) {
        return s.accept(new Shortcut.Visitor<>() {
            @Override
            public String identity(Shortcut.Identity identity) {
                return "identity";
            }

            @Override
            public String zeroPad(Shortcut.ZeroPad zeroPad) {
                return "zero-pad (option A)";
            }

            @Override
            public String projection(Shortcut.Projection projection) {
                return "projection (option B)";
            }
        });
    }
}

package dev.zoo.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.ActivationKind;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import dev.zoo.importer.ImportException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link KerasModel} into a zoo {@link Architecture} and the {@link WeightPlan}s that
 * say where each Keras layer's weights go. A functional model must be a chain, where a fork is a
 * residual block: two branches joined by one {@code Add}, the longer one the body, the shorter (empty,
 * or a projection) the shortcut, and a ReLU right after the add becomes the block's activation.
 * Anything zoo cannot express exactly is refused with the layer, the attribute and its value.
 */
final class KerasTranslator {

    /** The translated network and where its weights come from. */
    record Result(Architecture architecture, List<WeightPlan> plans) {
    }

    /**
     * The shape flowing between layers; {@code nhwc} as in {@link WeightPlan#nhwc()};
     * {@code nonNegative} after a ReLU, where zero padding before a max pool equals its -inf padding.
     */
    private record Flow(Shape shape, int[] nhwc, boolean nonNegative) {
        Flow(Shape shape, int[] nhwc) {
            this(shape, nhwc, false);
        }
    }

    static final String SUPPORTED = "Conv2D, Dense, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, "
            + "GlobalMaxPooling2D, BatchNormalization, Activation, ReLU, Dropout, Flatten, Add, ZeroPadding2D";

    private final KerasModel model;
    private final Map<String, KerasLayer> byName = new HashMap<>();
    private final Map<String, List<String>> consumers = new HashMap<>();
    private final List<WeightPlan> plans = new ArrayList<>();
    private final boolean channelsLast;
    /** A ZeroPadding2D waiting to be folded into the Conv2D that follows it. */
    private KerasLayer pendingPad;

    private KerasTranslator(KerasModel model) {
        this.model = model;
        for (KerasLayer l : model.layers()) {
            byName.put(l.name(), l);
            for (String from : l.inputs()) {
                consumers.computeIfAbsent(from, k -> new ArrayList<>()).add(l.name());
            }
        }
        this.channelsLast = model.layers().stream().map(l -> l.config().path("data_format").asText(""))
                .filter(f -> !f.isEmpty()).findFirst().orElse("channels_last").equals("channels_last");
    }

    static Result translate(KerasModel model) {
        return new KerasTranslator(model).run();
    }

    private Result run() {
        List<Integer> in = model.inputShape();
        if (in.contains(-1)) {
            throw new ImportException(model.source() + ": input shape " + in + " has an unknown size; zoo needs a fixed one");
        }
        Shape input = switch (in.size()) {
            case 1 -> Shape.flat(in.get(0));
            case 3 -> channelsLast ? Shape.chw(in.get(2), in.get(0), in.get(1)) : Shape.chw(in.get(0), in.get(1), in.get(2));
            default -> throw new ImportException(model.source() + ": input shape " + in
                    + "; zoo imports images (H, W, C) and flat vectors");
        };
        List<Layer> layers = new ArrayList<>();
        Flow end = chain(model.inputName(), new Flow(input, null), layers);
        if (end.shape().rank() != 1) {
            throw new ImportException(model.source() + ": the model ends in a " + end.shape()
                    + " output; zoo networks end in flat logits");
        }
        Architecture architecture = new Architecture(names(model.name()), "imported from Keras: "
                + Path.of(model.source()).getFileName(), input, (int) end.shape().size(),
                new Sequential("network", layers));
        return new Result(architecture, List.copyOf(plans));
    }

    /** A residual block's output and the layer it ends in (its Add, or the ReLU after it). */
    private record Block(Flow flow, String last) {
    }

    /** Follows the graph from {@code from} to the output; forks become residual blocks. */
    private Flow chain(String from, Flow flow, List<Layer> out) {
        String current = from;
        while (true) {
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.isEmpty()) {
                if (!current.equals(model.outputName())) {
                    throw new ImportException(model.source() + ": layer '" + current + "' leads nowhere; "
                            + "the output is '" + model.outputName() + "'");
                }
                if (pendingPad != null) {
                    throw refuse(pendingPad, "padding", "is followed by no Conv2D or MaxPooling2D");
                }
                return flow;
            }
            if (next.size() == 1 && !isAdd(next.get(0))) {
                KerasLayer layer = byName.get(next.get(0));
                if (layer.inputs().size() != 1) {
                    throw refuse(layer, "inbound_nodes", "takes " + layer.inputs().size() + " inputs");
                }
                flow = layer(layer, "", flow, out);
                current = layer.name();
                continue;
            }
            Block block = residual(current, next, flow, out);
            flow = block.flow();
            current = block.last();
        }
    }

    /** A fork at {@code fork} into two branches that an Add joins; returns the flow after the block. */
    private Block residual(String fork, List<String> next, Flow flow, List<Layer> out) {
        if (next.size() != 2) {
            throw new ImportException(model.source() + ": layer '" + fork + "' feeds " + next.size() + " layers "
                    + next + "; zoo imports chains and residual blocks of two branches joined by Add");
        }
        if (pendingPad != null) {
            throw refuse(pendingPad, "padding", "is followed by a fork, not by a Conv2D or MaxPooling2D");
        }
        List<String> a = branch(fork, next.get(0));
        List<String> b = branch(fork, next.get(1));
        String add = a.get(a.size() - 1);
        if (!add.equals(b.get(b.size() - 1))) {
            throw new ImportException(model.source() + ": the branches from '" + fork + "' end in different Add layers ('"
                    + add + "', '" + b.get(b.size() - 1) + "'); zoo imports residual blocks of two branches joined by one Add");
        }
        List<String> body = a.subList(0, a.size() - 1);
        List<String> shortcut = b.subList(0, b.size() - 1);
        if (body.size() == shortcut.size()) {
            throw refuse(byName.get(add), "inbound_nodes", "joins two branches of " + body.size()
                    + " layers each; the residual body must be the longer one");
        }
        if (body.size() < shortcut.size()) {
            List<String> swap = body;
            body = shortcut;
            shortcut = swap;
        }
        KerasLayer addLayer = byName.get(add);
        checkAdd(addLayer);
        String path = names(add);
        List<Layer> bodyLayers = new ArrayList<>();
        Flow afterBody = flow;
        for (String name : body) {
            afterBody = layer(byName.get(name), path + ".", afterBody, bodyLayers);
        }
        List<Layer> shortcutLayers = new ArrayList<>();
        Flow afterShortcut = flow;
        for (String name : shortcut) {
            afterShortcut = layer(byName.get(name), path + "." + Residual.SHORTCUT + ".", afterShortcut, shortcutLayers);
        }
        if (!afterBody.shape().equals(afterShortcut.shape())) {
            throw refuse(addLayer, "inputs", "adds a " + afterBody.shape() + " body to a " + afterShortcut.shape()
                    + " shortcut");
        }
        ActivationKind activation = null;
        String end = add;
        List<String> afterAdd = consumers.getOrDefault(add, List.of());
        if (afterAdd.size() == 1 && isRelu(byName.get(afterAdd.get(0)))) {
            activation = ActivationKind.RELU;
            end = afterAdd.get(0);
        }
        Shortcut sc = shortcutLayers.isEmpty() ? new Shortcut.Identity()
                : new Shortcut.Projection(new Sequential(Residual.SHORTCUT, shortcutLayers));
        out.add(new Residual(names(add), new Sequential("body", bodyLayers), sc, activation));
        return new Block(new Flow(afterBody.shape(), null, activation == ActivationKind.RELU), end);
    }

    /** The layers from {@code start} up to and including the Add that ends the branch. */
    private List<String> branch(String fork, String start) {
        List<String> names = new ArrayList<>();
        String current = start;
        while (!isAdd(current)) {
            names.add(current);
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.size() != 1) {
                throw new ImportException(model.source() + ": layer '" + current + "', in a branch from '" + fork
                        + "', feeds " + next.size() + " layers; zoo imports residual blocks without nested branches");
            }
            current = next.get(0);
        }
        names.add(current);
        return names;
    }

    private boolean isAdd(String name) {
        KerasLayer l = byName.get(name);
        return l != null && l.className().equals("Add");
    }

    private static boolean isRelu(KerasLayer l) {
        return l.className().equals("ReLU") && plainRelu(l)
                || l.className().equals("Activation") && l.config().path("activation").asText().equals("relu");
    }

    private static boolean plainRelu(KerasLayer l) {
        JsonNode c = l.config();
        return (c.path("max_value").isNull() || c.path("max_value").isMissingNode())
                && c.path("negative_slope").asDouble(0) == 0 && c.path("threshold").asDouble(0) == 0;
    }

    private void checkAdd(KerasLayer add) {
        if (add.inputs().size() != 2) {
            throw refuse(add, "inbound_nodes", "adds " + add.inputs().size() + " tensors; zoo's residual adds two");
        }
    }

    /** One layer: appends its zoo layers to {@code out} and returns the shape after it. */
    private Flow layer(KerasLayer l, String prefix, Flow in, List<Layer> out) {
        if (pendingPad != null && !l.className().equals("Conv2D") && !l.className().equals("MaxPooling2D")) {
            throw refuse(pendingPad, "padding", "is followed by " + l.className() + " '" + l.name()
                    + "'; zoo folds ZeroPadding2D only into a Conv2D or MaxPooling2D with padding 'valid'");
        }
        String name = names(l.name());
        JsonNode c = l.config();
        checkDataFormat(l);
        return switch (l.className()) {
            case "Conv2D" -> conv(l, prefix, in, out);
            case "Dense" -> {
                if (in.shape().rank() != 1) {
                    throw refuse(l, "input", "is a " + in.shape() + " map; Keras applies Dense per pixel there, zoo's "
                            + "Dense needs a flat input (add a Flatten)");
                }
                boolean bias = c.path("use_bias").asBoolean(true);
                out.add(new Dense(name, positive(l, "units"), bias));
                plans.add(new WeightPlan(l.name(), prefix + name, WeightPlan.Kind.DENSE, in.nhwc()));
                yield activation(l, prefix, new Flow(Shape.flat(c.path("units").asInt()), null), out);
            }
            case "MaxPooling2D", "AveragePooling2D" -> pool(l, in, out);
            case "GlobalAveragePooling2D", "GlobalMaxPooling2D" -> {
                if (c.path("keepdims").asBoolean(false)) {
                    throw refuse(l, "keepdims", "is true; zoo's global pool gives a flat output");
                }
                image(l, in);
                out.add(new GlobalPool(name, l.className().startsWith("GlobalMax") ? PoolType.MAX : PoolType.AVG));
                yield new Flow(Shape.flat(in.shape().channels()), null);
            }
            case "BatchNormalization" -> batchNorm(l, prefix, in, out);
            case "Activation", "ReLU", "Softmax" -> activation(l, prefix, in, out);
            case "Dropout" -> {
                if (!c.path("noise_shape").isNull() && !c.path("noise_shape").isMissingNode()) {
                    throw refuse(l, "noise_shape", c.path("noise_shape").toString() + " is set; zoo's Dropout drops elements");
                }
                out.add(new Dropout(name, c.path("rate").asDouble()));
                yield in;
            }
            case "Flatten" -> {
                if (in.shape().rank() == 1) {
                    yield in;
                }
                Shape s = in.shape();
                out.add(new Flatten(name));
                yield new Flow(Shape.flat((int) s.size()), channelsLast ? new int[] {s.channels(), s.height(), s.width()}
                        : null);
            }
            case "ZeroPadding2D" -> {
                image(l, in);
                pad(l);
                pendingPad = l;
                yield in;
            }
            default -> throw new ImportException(model.source() + ": layer '" + l.name() + "' (" + l.className()
                    + "): zoo has no such layer; it imports " + SUPPORTED);
        };
    }

    private Flow conv(KerasLayer l, String prefix, Flow in, List<Layer> out) {
        JsonNode c = l.config();
        image(l, in);
        int kernel = square(l, "kernel_size");
        int stride = square(l, "strides");
        if (square(l, "dilation_rate") != 1) {
            throw refuse(l, "dilation_rate", c.path("dilation_rate") + " is not supported; zoo's Conv2d has no dilation");
        }
        if (c.path("groups").asInt(1) != 1) {
            throw refuse(l, "groups", c.path("groups").asInt() + " is not supported; zoo's Conv2d is not grouped");
        }
        int padding;
        String mode = c.path("padding").asText("valid");
        if (pendingPad != null) {
            if (!mode.equals("valid")) {
                throw refuse(pendingPad, "padding", "is followed by Conv2D '" + l.name() + "' with padding '" + mode
                        + "'; zoo folds it only into padding 'valid'");
            }
            padding = pad(pendingPad);
            pendingPad = null;
        } else {
            padding = padding(l, mode, in.shape(), kernel, stride);
        }
        String name = names(l.name());
        out.add(new Conv2d(name, positive(l, "filters"), kernel, stride, padding, c.path("use_bias").asBoolean(true)));
        plans.add(new WeightPlan(l.name(), prefix + name, WeightPlan.Kind.CONV, null));
        Shape s = in.shape();
        Shape after = Shape.chw(c.path("filters").asInt(), side(s.height(), kernel, stride, padding),
                side(s.width(), kernel, stride, padding));
        return activation(l, prefix, new Flow(after, null), out);
    }

    private Flow pool(KerasLayer l, Flow in, List<Layer> out) {
        JsonNode c = l.config();
        image(l, in);
        int kernel = square(l, "pool_size");
        int stride = c.path("strides").isNull() || c.path("strides").isMissingNode() ? kernel : square(l, "strides");
        boolean max = l.className().startsWith("Max");
        int padding;
        if (pendingPad != null) {
            padding = foldedPoolPadding(l, in, kernel);
        } else {
            padding = padding(l, c.path("padding").asText("valid"), in.shape(), kernel, stride);
        }
        if (!max && padding > 0) {
            throw refuse(l, "padding", "'same' pads here, and Keras averages without the padded zeros, zoo with them");
        }
        out.add(new Pool(names(l.name()), max ? PoolType.MAX : PoolType.AVG, kernel, stride, padding));
        Shape s = in.shape();
        return new Flow(Shape.chw(s.channels(), side(s.height(), kernel, stride, padding),
                side(s.width(), kernel, stride, padding)), null, max && in.nonNegative());
    }

    /**
     * A ZeroPadding2D before a max pool (Keras' ResNet stem) as the pool's own padding: zoo pads a max
     * pool with -infinity, which gives the same maxima as zeros when the input is non-negative and
     * every window holds at least one real value.
     */
    private int foldedPoolPadding(KerasLayer l, Flow in, int kernel) {
        String mode = l.config().path("padding").asText("valid");
        if (!mode.equals("valid")) {
            throw refuse(pendingPad, "padding", "is followed by MaxPooling2D '" + l.name() + "' with padding '" + mode
                    + "'; zoo folds it only into padding 'valid'");
        }
        if (!in.nonNegative()) {
            throw refuse(pendingPad, "padding", "is followed by MaxPooling2D '" + l.name() + "' on an input that may be"
                    + " negative; zoo pads a max pool with -infinity, equal to zeros only after a ReLU");
        }
        int padding = pad(pendingPad);
        if (2 * padding > kernel) {
            throw refuse(pendingPad, "padding", padding + " is more than half of MaxPooling2D '" + l.name()
                    + "''s pool size " + kernel);
        }
        pendingPad = null;
        return padding;
    }

    private Flow batchNorm(KerasLayer l, String prefix, Flow in, List<Layer> out) {
        JsonNode c = l.config();
        JsonNode axisNode = c.path("axis");
        int axis = axisNode.isArray() ? (axisNode.size() == 1 ? axisNode.get(0).asInt() : 99) : axisNode.asInt(-1);
        int rank = in.shape().rank() + 1;
        int channelAxis = in.shape().rank() == 1 || channelsLast ? rank - 1 : 1;
        if (axis != channelAxis && axis != channelAxis - rank) {
            throw refuse(l, "axis", axisNode + " is not the channel axis (" + channelAxis + ")");
        }
        for (String flag : List.of("center", "scale")) {
            if (!c.path(flag).asBoolean(true)) {
                throw refuse(l, flag, "is false; zoo's BatchNorm always has a scale and a shift");
            }
        }
        if (c.path("renorm").asBoolean(false)) {
            throw refuse(l, "renorm", "is true; zoo's BatchNorm has no batch renormalisation");
        }
        String name = names(l.name());
        // Keras' momentum is the old average's weight, zoo's (PyTorch's) the new batch's; decimal, so 0.9 gives 0.1
        double momentum = BigDecimal.ONE.subtract(new BigDecimal(c.path("momentum").asText("0.99")))
                .doubleValue();
        out.add(new BatchNorm(name, c.path("epsilon").asDouble(1e-3), momentum));
        plans.add(new WeightPlan(l.name(), prefix + name, WeightPlan.Kind.BATCH_NORM, in.nhwc()));
        return new Flow(in.shape(), in.nhwc());
    }

    /**
     * A layer's activation (the {@code activation} attribute, or the layer itself for Activation,
     * ReLU, Softmax): ReLU, tanh and sigmoid become an Activation; linear is nothing; softmax is dropped
     * on the output layer (zoo networks give logits, the loss applies the softmax) and refused elsewhere.
     */
    private Flow activation(KerasLayer l, String prefix, Flow in, List<Layer> out) {
        String function = switch (l.className()) {
            case "ReLU" -> {
                if (!plainRelu(l)) {
                    throw refuse(l, "max_value/negative_slope/threshold", "are set; zoo's ReLU is max(x, 0)");
                }
                yield "relu";
            }
            case "Softmax" -> "softmax";
            default -> l.config().path("activation").asText("linear");
        };
        boolean own = l.className().equals("Activation") || l.className().equals("ReLU") || l.className().equals("Softmax");
        String name = own ? names(l.name()) : names(l.name()) + "_" + function;
        switch (function) {
            case "linear" -> {
            }
            case "relu" -> {
                out.add(new Activation(name, ActivationKind.RELU));
                return new Flow(in.shape(), in.nhwc(), true);
            }
            case "tanh", "sigmoid" -> out.add(new Activation(name, ActivationKind.valueOf(function.toUpperCase(Locale.ROOT))));
            case "softmax" -> {
                if (!l.name().equals(model.outputName())) {
                    throw refuse(l, "activation", "'softmax' inside the network; zoo drops a softmax only at the output");
                }
            }
            default -> throw refuse(l, "activation", "'" + function + "' is not one of relu, tanh, sigmoid, linear, softmax");
        }
        return in;
    }

    private void checkDataFormat(KerasLayer l) {
        String format = l.config().path("data_format").asText("");
        if (!format.isEmpty() && format.equals("channels_last") != channelsLast) {
            throw refuse(l, "data_format", "'" + format + "' differs from the model's first layer");
        }
    }

    private void image(KerasLayer l, Flow in) {
        if (!in.shape().isImage()) {
            throw refuse(l, "input", "is flat " + in.shape() + "; " + l.className() + " needs an image");
        }
    }

    /** Symmetric padding for 'valid' or 'same'; 'same' that pads more on one side is refused. */
    private int padding(KerasLayer l, String mode, Shape in, int kernel, int stride) {
        if (mode.equals("valid")) {
            return 0;
        }
        if (!mode.equals("same")) {
            throw refuse(l, "padding", "'" + mode + "' is not 'valid' or 'same'");
        }
        int[] sides = {in.height(), in.width()};
        int padding = -1;
        for (int side : sides) {
            int outSide = (side + stride - 1) / stride;
            int total = Math.max((outSide - 1) * stride + kernel - side, 0);
            if (total % 2 != 0 || padding >= 0 && padding != total / 2) {
                throw refuse(l, "padding", "'same' with kernel " + kernel + " and stride " + stride + " on a "
                        + in.height() + "x" + in.width() + " input pads " + total / 2 + " before and " + (total - total / 2)
                        + " after; zoo pads both sides alike (use ZeroPadding2D and 'valid')");
            }
            padding = total / 2;
        }
        return padding;
    }

    /** ZeroPadding2D's padding: 1, [1, 1] or [[1, 1], [1, 1]], all sides alike. */
    private int pad(KerasLayer l) {
        JsonNode p = l.config().path("padding");
        List<Integer> values = new ArrayList<>();
        if (p.isInt()) {
            values.add(p.asInt());
        } else {
            for (JsonNode e : p) {
                if (e.isArray()) {
                    e.forEach(v -> values.add(v.asInt()));
                } else {
                    values.add(e.asInt());
                }
            }
        }
        if (values.isEmpty() || values.stream().distinct().count() != 1) {
            throw refuse(l, "padding", p + " is not the same on every side; zoo pads symmetrically");
        }
        return values.get(0);
    }

    private int square(KerasLayer l, String field) {
        JsonNode v = l.config().path(field);
        if (v.isInt()) {
            return v.asInt();
        }
        if (!v.isArray() || v.size() != 2 || v.get(0).asInt() != v.get(1).asInt()) {
            throw refuse(l, field, v + " is not square; zoo's windows are square");
        }
        return v.get(0).asInt();
    }

    private int positive(KerasLayer l, String field) {
        int v = l.config().path(field).asInt(0);
        if (v < 1) {
            throw refuse(l, field, l.config().path(field) + " is not a positive integer");
        }
        return v;
    }

    private static int side(int side, int kernel, int stride, int padding) {
        return (side + 2 * padding - kernel) / stride + 1;
    }

    /** A Keras name as a zoo name: letters, digits, '_' and '-'. */
    static String names(String kerasName) {
        String n = kerasName.replaceAll("[^A-Za-z0-9_\\-]", "_");
        return n.isEmpty() ? "_" : n;
    }

    private ImportException refuse(KerasLayer l, String attribute, String problem) {
        return new ImportException(model.source() + ": layer '" + l.name() + "' (" + l.className() + "): " + attribute
                + " " + problem);
    }
}

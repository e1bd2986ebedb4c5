package dev.zoo.api.json;

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
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import dev.zoo.api.spec.SpecException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a located JSON tree into an {@link Architecture}. Shape and type errors are caught here
 * with their line; rules of the specs themselves (positive kernels, unique names, branches that
 * agree) stay in the spec records, and their messages are passed on with the line of the object
 * (or field) they came from.
 */
final class ArchitectureDecoder {

    static final List<String> LAYER_TYPES = TypeTags.LAYERS;
    static final List<String> SHORTCUT_TYPES = TypeTags.SHORTCUTS;

    private final String source;
    /** JSON objects by the hierarchical node path they define, to place errors found by shape inference. */
    private final Map<String, SourceNode> nodes = new HashMap<>();

    private ArchitectureDecoder(String source) {
        this.source = source;
    }

    static Architecture decode(SourceNode root, String source) {
        return new ArchitectureDecoder(source).architecture(root);
    }

    private Architecture architecture(SourceNode root) {
        ObjectFields top = ObjectFields.of(source, root, "an architecture").allowOnly("formatVersion", "name",
                "description", "input", "classes", "network");
        if (top.has("formatVersion")) {
            int version = top.requiredInt("formatVersion");
            if (version != ArchitectureJson.FORMAT_VERSION) {
                throw ObjectFields.fail(source, top.required("formatVersion"), "unsupported formatVersion "
                        + version + ": this zoo reads formatVersion " + ArchitectureJson.FORMAT_VERSION);
            }
        }
        String name = top.requiredString("name");
        String description = top.optionalString("description", "");
        Shape input = shape(top, top.required("input"));
        int classes = top.requiredInt("classes");
        if (classes < 1) {
            throw ObjectFields.fail(source, top.required("classes"), "expected an integer >= 1, got " + classes);
        }
        SourceNode networkNode = top.required("network");
        Sequential network = sequential(networkNode, "the network", "network", "");
        try {
            return new Architecture(name, description, input, classes, network);
        } catch (SpecException e) {
            throw ObjectFields.fail(source, nodes.getOrDefault(e.path(), networkNode), e.getMessage());
        }
    }

    private Shape shape(ObjectFields top, SourceNode node) {
        String expected = "expected the input shape of one example as [channels, height, width], [features] or "
                + "\"CxHxW\", every dimension >= 1";
        if (node.kind() == SourceNode.Kind.STRING) {
            try {
                return Shape.parse((String) node.scalar());
            } catch (IllegalArgumentException e) {
                throw ObjectFields.fail(source, node, expected + ", got " + node.describe());
            }
        }
        if (node.kind() != SourceNode.Kind.ARRAY) {
            throw ObjectFields.fail(source, node, expected + ", got " + node.describe());
        }
        List<Integer> dims = new ArrayList<>();
        for (SourceNode item : node.items()) {
            int d = top.toInt(item);
            if (d < 1) {
                throw ObjectFields.fail(source, item, "expected a dimension >= 1, got " + d);
            }
            dims.add(d);
        }
        if (dims.size() != 1 && dims.size() != 3) {
            throw ObjectFields.fail(source, node, expected + ", got " + dims.size() + " dimensions " + dims);
        }
        return new Shape(dims);
    }

    /**
     * A Sequential whose own name is optional ({@code defaultName}): the network and a residual's body.
     * {@code childPrefix} is the node path its children sit under.
     */
    private Sequential sequential(SourceNode node, String what, String defaultName, String childPrefix) {
        ObjectFields f = ObjectFields.of(source, node, what).allowOnly("type", "name", "layers");
        if (f.has("type") && !f.requiredString("type").equals(TypeTags.SEQUENTIAL)) {
            throw ObjectFields.fail(source, f.required("type"), "expected \"Sequential\" (or no type) for " + what
                    + ", got " + f.required("type").describe());
        }
        String name = f.optionalString("name", defaultName);
        List<Layer> children = layers(f, childPrefix);
        return build(f, () -> new Sequential(name, children));
    }

    private List<Layer> layers(ObjectFields f, String childPrefix) {
        List<Layer> children = new ArrayList<>();
        for (SourceNode item : f.requiredArray("layers")) {
            children.add(layer(item, childPrefix));
        }
        return children;
    }

    private Layer layer(SourceNode node, String parentPath) {
        ObjectFields untyped = ObjectFields.of(source, node, "a layer");
        String type = untyped.requiredString("type");
        if (!LAYER_TYPES.contains(type)) {
            throw ObjectFields.fail(source, untyped.required("type"), "unknown layer type '" + type
                    + "'; expected one of " + String.join(", ", LAYER_TYPES));
        }
        ObjectFields f = untyped.describedAs("a " + type + " layer");
        String name = f.requiredString("name");
        String path = parentPath.isEmpty() ? name : parentPath + "." + name;
        nodes.putIfAbsent(path, node);
        return switch (type) {
            case TypeTags.CONV2D -> {
                f.allowOnly("type", "name", "filters", "kernel", "stride", "padding", "bias");
                int filters = f.requiredInt("filters");
                int kernel = f.requiredInt("kernel");
                int stride = f.optionalInt("stride", 1);
                int padding = f.optionalInt("padding", 0);
                boolean bias = f.optionalBoolean("bias", true);
                yield build(f, () -> new Conv2d(name, filters, kernel, stride, padding, bias));
            }
            case TypeTags.DENSE -> {
                f.allowOnly("type", "name", "units", "bias");
                int units = f.requiredInt("units");
                boolean bias = f.optionalBoolean("bias", true);
                yield build(f, () -> new Dense(name, units, bias));
            }
            case TypeTags.POOL -> {
                f.allowOnly("type", "name", "pool", "kernel", "stride", "padding");
                PoolType pool = f.requiredEnum("pool", PoolType.values());
                int kernel = f.requiredInt("kernel");
                int stride = f.optionalInt("stride", kernel);
                int padding = f.optionalInt("padding", 0);
                yield build(f, () -> new Pool(name, pool, kernel, stride, padding));
            }
            case TypeTags.GLOBAL_POOL -> {
                f.allowOnly("type", "name", "pool");
                PoolType pool = f.requiredEnum("pool", PoolType.values());
                yield build(f, () -> new GlobalPool(name, pool));
            }
            case TypeTags.BATCH_NORM -> {
                f.allowOnly("type", "name", "epsilon", "momentum");
                double epsilon = f.optionalDouble("epsilon", BatchNorm.DEFAULT_EPSILON);
                double momentum = f.optionalDouble("momentum", BatchNorm.DEFAULT_MOMENTUM);
                yield build(f, () -> new BatchNorm(name, epsilon, momentum));
            }
            case TypeTags.ACTIVATION -> {
                f.allowOnly("type", "name", "function");
                ActivationKind function = f.requiredEnum("function", ActivationKind.values());
                yield build(f, () -> new Activation(name, function));
            }
            case TypeTags.DROPOUT -> {
                f.allowOnly("type", "name", "rate");
                double rate = f.requiredDouble("rate");
                yield build(f, () -> new Dropout(name, rate));
            }
            case TypeTags.FLATTEN -> {
                f.allowOnly("type", "name");
                yield build(f, () -> new Flatten(name));
            }
            case TypeTags.LOCAL_RESPONSE_NORM -> {
                f.allowOnly("type", "name", "size", "alpha", "beta", "k");
                int size = f.requiredInt("size");
                double alpha = f.optionalDouble("alpha", 1e-4);
                double beta = f.optionalDouble("beta", 0.75);
                double k = f.optionalDouble("k", 1.0);
                yield build(f, () -> new LocalResponseNorm(name, size, alpha, beta, k));
            }
            case TypeTags.SEQUENTIAL -> {
                f.allowOnly("type", "name", "layers");
                List<Layer> children = layers(f, path);
                yield build(f, () -> new Sequential(name, children));
            }
            case TypeTags.RESIDUAL -> residual(f, name, path);
            default -> throw new IllegalStateException("layer type '" + type
                    + "' is listed in LAYER_TYPES but has no decoder; add its case here");
        };
    }

    private Residual residual(ObjectFields f, String name, String path) {
        f.allowOnly("type", "name", "body", "shortcut", "activation");
        Sequential body = sequential(f.required("body"), "a residual body", "body", path);
        Shortcut shortcut = shortcut(f.required("shortcut"), path);
        ActivationKind merge = mergeActivation(f);
        return build(f, () -> new Residual(name, body, shortcut, merge));
    }

    /** The activation after a residual's add: relu unless given; {@code "none"} for no activation. */
    private ActivationKind mergeActivation(ObjectFields f) {
        if (!f.has("activation")) {
            return ActivationKind.RELU;
        }
        SourceNode value = f.required("activation");
        if (value.kind() == SourceNode.Kind.STRING) {
            String text = ((String) value.scalar()).toLowerCase(Locale.ROOT);
            if (text.equals(ArchitectureEncoder.NO_ACTIVATION)) {
                return null;
            }
            for (ActivationKind kind : ActivationKind.values()) {
                if (kind.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return kind;
                }
            }
        }
        throw ObjectFields.fail(source, value, "expected one of relu, tanh, sigmoid, "
                + ArchitectureEncoder.NO_ACTIVATION + ", got " + value.describe());
    }

    private Shortcut shortcut(SourceNode node, String residualPath) {
        String type = ObjectFields.of(source, node, "a shortcut").requiredString("type");
        ObjectFields f = ObjectFields.of(source, node, "a " + type + " shortcut");
        nodes.putIfAbsent(Residual.shortcutPath(residualPath), node);
        switch (type) {
            case TypeTags.IDENTITY -> {
                f.allowOnly("type");
                return Shortcut.identity();
            }
            case TypeTags.ZERO_PAD -> {
                f.allowOnly("type", "stride", "outChannels");
                int stride = f.requiredInt("stride");
                int outChannels = f.requiredInt("outChannels");
                return build(f, () -> new Shortcut.ZeroPad(stride, outChannels));
            }
            case TypeTags.PROJECTION -> {
                f.allowOnly("type", "layers");
                List<Layer> children = layers(f, Residual.shortcutPath(residualPath));
                Sequential layers = build(f, () -> new Sequential(Residual.SHORTCUT, children));
                return new Shortcut.Projection(layers);
            }
            default -> throw ObjectFields.fail(source, f.required("type"), "unknown shortcut type '" + type
                    + "'; expected one of " + String.join(", ", SHORTCUT_TYPES));
        }
    }

    /** Builds a spec value, placing its own validation error at the field it names (else at the object). */
    private <T> T build(ObjectFields f, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw ObjectFields.fail(source, blamed(f, e), e.getMessage());
        }
    }

    /** The field a spec rule is about: its message names it in its first two words ("padding 3 must ..."). */
    private static SourceNode blamed(ObjectFields f, IllegalArgumentException e) {
        String rule = e.getMessage();
        if (e instanceof SpecException s && rule.startsWith(s.path() + ": ")) {
            rule = rule.substring(s.path().length() + 2);
        }
        String[] words = rule.split("\\s+", 3);
        for (int i = 0; i < Math.min(2, words.length); i++) {
            String word = words[i].replaceAll("[^A-Za-z]", "");
            if (!word.isEmpty() && !word.equals("type") && f.has(word)) {
                return f.required(word);
            }
        }
        return f.node();
    }
}

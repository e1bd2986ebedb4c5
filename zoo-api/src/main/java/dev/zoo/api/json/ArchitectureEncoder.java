package dev.zoo.api.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shortcut;
import java.util.Locale;

/**
 * Turns an {@link Architecture} into its JSON tree. Every field is written, defaults included, so
 * a file says everything about the network without the reader knowing the defaults.
 */
final class ArchitectureEncoder implements LayerVisitor<ObjectNode> {

    /** How a residual without an activation after its add is written. */
    static final String NO_ACTIVATION = "none";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ArchitectureEncoder() {
    }

    static ObjectNode encode(Architecture architecture) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", ArchitectureJson.FORMAT_VERSION);
        root.put("name", architecture.name());
        root.put("description", architecture.description());
        ArrayNode input = root.putArray("input");
        architecture.input().dims().forEach(input::add);
        root.put("classes", architecture.classes());
        root.set("network", new ArchitectureEncoder().untyped(architecture.network()));
        return root;
    }

    /** A Sequential whose type is implied by its place: the network and a residual's body. */
    private ObjectNode untyped(Sequential sequential) {
        ObjectNode node = NODES.objectNode();
        node.put("name", sequential.name());
        node.set("layers", children(sequential));
        return node;
    }

    private ArrayNode children(Sequential sequential) {
        ArrayNode layers = NODES.arrayNode();
        for (Layer child : sequential.layers()) {
            layers.add(child.accept(this, ""));
        }
        return layers;
    }

    private static ObjectNode layer(String tag, Layer layer) {
        ObjectNode node = NODES.objectNode();
        node.put("type", tag);
        node.put("name", layer.name());
        return node;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public ObjectNode visitConv2d(Conv2d layer, String path) {
        return layer(TypeTags.CONV2D, layer).put("filters", layer.filters()).put("kernel", layer.kernel())
                .put("stride", layer.stride()).put("padding", layer.padding()).put("bias", layer.bias());
    }

    @Override
    public ObjectNode visitDense(Dense layer, String path) {
        return layer(TypeTags.DENSE, layer).put("units", layer.units()).put("bias", layer.bias());
    }

    @Override
    public ObjectNode visitPool(Pool layer, String path) {
        return layer(TypeTags.POOL, layer).put("pool", lower(layer.type())).put("kernel", layer.kernel())
                .put("stride", layer.stride()).put("padding", layer.padding());
    }

    @Override
    public ObjectNode visitGlobalPool(GlobalPool layer, String path) {
        return layer(TypeTags.GLOBAL_POOL, layer).put("pool", lower(layer.type()));
    }

    @Override
    public ObjectNode visitBatchNorm(BatchNorm layer, String path) {
        return layer(TypeTags.BATCH_NORM, layer).put("epsilon", layer.epsilon()).put("momentum", layer.momentum());
    }

    @Override
    public ObjectNode visitActivation(Activation layer, String path) {
        return layer(TypeTags.ACTIVATION, layer).put("function", lower(layer.function()));
    }

    @Override
    public ObjectNode visitDropout(Dropout layer, String path) {
        return layer(TypeTags.DROPOUT, layer).put("rate", layer.rate());
    }

    @Override
    public ObjectNode visitFlatten(Flatten layer, String path) {
        return layer(TypeTags.FLATTEN, layer);
    }

    @Override
    public ObjectNode visitLocalResponseNorm(LocalResponseNorm layer, String path) {
        return layer(TypeTags.LOCAL_RESPONSE_NORM, layer).put("size", layer.size()).put("alpha", layer.alpha())
                .put("beta", layer.beta()).put("k", layer.k());
    }

    @Override
    public ObjectNode visitSequential(Sequential layer, String path) {
        ObjectNode node = layer(TypeTags.SEQUENTIAL, layer);
        node.set("layers", children(layer));
        return node;
    }

    @Override
    public ObjectNode visitResidual(Residual layer, String path) {
        ObjectNode node = layer(TypeTags.RESIDUAL, layer);
        node.put("activation", layer.activation() == null ? NO_ACTIVATION : lower(layer.activation()));
        node.set("body", untyped(layer.body()));
        node.set("shortcut", shortcut(layer.shortcut()));
        return node;
    }

    private ObjectNode shortcut(Shortcut shortcut) {
        ObjectNode node = NODES.objectNode();
        return shortcut.accept(new Shortcut.Visitor<>() {
            @Override
            public ObjectNode identity(Shortcut.Identity identity) {
                return node.put("type", TypeTags.IDENTITY);
            }

            @Override
            public ObjectNode zeroPad(Shortcut.ZeroPad pad) {
                return node.put("type", TypeTags.ZERO_PAD).put("stride", pad.stride())
                        .put("outChannels", pad.outChannels());
            }

            @Override
            public ObjectNode projection(Shortcut.Projection projection) {
                node.put("type", TypeTags.PROJECTION).set("layers", children(projection.layers()));
                return node;
            }
        });
    }
}

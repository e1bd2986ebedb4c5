package dev.zoo.api.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete, validated network: a name, the input shape of one example, the number of classes
 * and the layer tree. Building one runs shape inference, so an impossible network fails here
 * (with the node's path, the rule and the numbers), never inside a backend. The network ends in
 * logits: a flat output of {@code classes} values, with no softmax.
 */
public final class Architecture {

    private final String name;
    private final String description;
    private final Shape input;
    private final int classes;
    private final Sequential network;
    private final List<NodeShape> nodes;
    private final Map<String, NodeShape> byPath;
    private final List<ParameterSpec> parameters;

    /**
     * @param name        the architecture's name ({@code resnet20}, or a user's own)
     * @param description one line for listings; may be empty
     * @param input       shape of one example, CxHxW
     * @param classes     number of output logits
     * @param network     the layer tree; its own name is not part of any path
     */
    public Architecture(String name, String description, Shape input, int classes, Sequential network) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = description == null ? "" : description;
        this.input = Objects.requireNonNull(input, "input");
        this.network = Objects.requireNonNull(network, "network");
        if (classes < 1) {
            throw new SpecException(name, "classes must be >= 1, got " + classes);
        }
        this.classes = classes;
        ShapeInference.Result result = ShapeInference.run(network, input);
        if (!result.output().equals(Shape.flat(classes))) {
            throw new SpecException(name, "the network must end in " + classes + " logits (flat " + classes
                    + ") but gives " + result.output());
        }
        this.nodes = result.nodes();
        this.parameters = result.parameters();
        Map<String, NodeShape> map = new LinkedHashMap<>();
        for (NodeShape n : nodes) {
            if (map.put(n.path(), n) != null) {
                throw new SpecException(n.path(), "node paths must be unique, this one appears twice");
            }
        }
        this.byPath = java.util.Collections.unmodifiableMap(map);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Shape input() {
        return input;
    }

    public int classes() {
        return classes;
    }

    public Sequential network() {
        return network;
    }

    /** Every node (composites before their children) in execution order, with shapes. */
    public List<NodeShape> nodes() {
        return nodes;
    }

    /** The shapes of the node at {@code path}. */
    public NodeShape node(String path) {
        NodeShape n = byPath.get(path);
        if (n == null) {
            throw new IllegalArgumentException("architecture " + name + ": no node at path '" + path + "'");
        }
        return n;
    }

    /** Every parameter tensor in canonical order and layout. */
    public List<ParameterSpec> parameters() {
        return parameters;
    }

    /**
     * Values trained by gradients: the parameter count torchvision and the papers publish
     * (ResNet-50: 25,557,032), and the total a summary shows.
     */
    public long trainableParameterCount() {
        return parameters.stream().filter(ParameterSpec::trainable).mapToLong(ParameterSpec::size).sum();
    }

    /** Batch-norm running mean and variance: state updated by forward passes, not by gradients. */
    public long nonTrainableParameterCount() {
        return parameters.stream().filter(p -> !p.trainable()).mapToLong(ParameterSpec::size).sum();
    }

    /**
     * Every value stored per model, batch-norm running statistics included (what an engine that
     * keeps them as parameters, such as DL4J, counts). Not the published parameter count: that is
     * {@link #trainableParameterCount()}.
     */
    public long parameterCount() {
        return trainableParameterCount() + nonTrainableParameterCount();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.name.equals(name) && a.description.equals(description)
                && a.input.equals(input) && a.classes == classes && a.network.equals(network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, input, classes, network);
    }

    @Override
    public String toString() {
        return name + " (" + input + " -> " + classes + " classes, " + parameterCount() + " parameters)";
    }
}

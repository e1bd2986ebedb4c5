package dev.zoo.onnx;

import dev.zoo.api.weights.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes and initializers of one ONNX graph as they are emitted, in execution order. Every node
 * writes one value named after the node, so a value's name is the zoo path that made it
 * ({@code stage2.block1.conv1}); helper nodes add a suffix after a colon, which no zoo name holds.
 */
final class OnnxGraph {

    /** One operator call; encoded only when the graph is complete, so its output can still be renamed. */
    private record Node(String opType, String name, List<String> inputs, String output, List<ProtoMessage> attributes) {
        Node withOutput(String newOutput) {
            return new Node(opType, name, inputs, newOutput, attributes);
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();

    /** Adds node {@code name} of {@code opType}; returns the value it writes (named {@code name}). */
    String op(String opType, String name, List<String> inputs, ProtoMessage... attributes) {
        nodes.add(new Node(opType, name, List.copyOf(inputs), name, List.of(attributes)));
        return name;
    }

    /** Adds a float initializer (a weight, under its canonical name); returns its name. */
    String weight(String name, Tensor tensor) {
        initializers.add(OnnxProto.floatTensor(name, tensor.shape(), tensor.data()));
        return name;
    }

    /** Adds a 1-D int64 initializer; returns its name. */
    String longs(String name, long... values) {
        initializers.add(OnnxProto.longTensor(name, values));
        return name;
    }

    /**
     * The graph with input {@code input} ({@code inputDims}) and output {@code output}
     * ({@code outputDims}): the value {@code last} is renamed to {@code output}. A null dimension
     * is the symbolic batch size.
     */
    ProtoMessage finish(String graphName, String input, List<Long> inputDims, String last, String output,
            List<Long> outputDims) {
        List<Node> finished = new ArrayList<>(nodes);
        int producer = finished.size() - 1;
        if (producer >= 0 && finished.get(producer).output().equals(last)) {
            finished.set(producer, finished.get(producer).withOutput(output));
        } else {
            // the network's last layer wrote no node (a dropout): name its value with an identity
            finished.add(new Node("Identity", output, List.of(last), output, List.of()));
        }
        List<ProtoMessage> encoded = finished.stream()
                .map(n -> OnnxProto.node(n.opType(), n.name(), n.inputs(), n.output(), n.attributes()))
                .toList();
        return OnnxProto.graph(graphName, encoded, initializers, List.of(OnnxProto.floatValue(input, inputDims)),
                List.of(OnnxProto.floatValue(output, outputDims)));
    }
}

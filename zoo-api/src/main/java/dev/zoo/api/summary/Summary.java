package dev.zoo.api.summary;

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
import dev.zoo.api.spec.LayerVisitor;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.NodeShape;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a network is and costs, layer by layer, as the {@code zoo summary} table and its JSON form
 * show it.
 *
 * <p>Parameters are counted as PyTorch, torchvision and the papers count them: the tensors that
 * gradients train ({@code totalParams == trainableParams}; ResNet-50 has 25,557,032, ResNet-20
 * 269,722). Batch-norm running mean and variance are state, not parameters: they are reported as
 * {@code nonTrainableParams} but not added to the total (Keras adds them; PyTorch calls them buffers).
 *
 * @param name               the architecture's name
 * @param description        its one-line description (form, shortcut, paper)
 * @param input              shape of one example
 * @param outputShape        shape of the logits
 * @param depth              weight layers on the main path ({@link WeightLayers})
 * @param totalParams        all parameters (trainable)
 * @param trainableParams    parameters trained by gradients
 * @param nonTrainableParams batch-norm running statistics, not included in {@code totalParams}
 * @param macs               multiply-accumulates of one forward pass of one example
 * @param layers             one row per leaf layer and per residual add, in execution order
 */
public record Summary(String name, String description, String input, String outputShape, int depth, long totalParams,
        long trainableParams, long nonTrainableParams, long macs, List<SummaryRow> layers) {

    public Summary {
        layers = List.copyOf(layers);
    }

    /** The summary of {@code architecture}. */
    public static Summary of(Architecture architecture) {
        Map<String, Long> paramsByNode = new HashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            if (p.trainable()) {
                paramsByNode.merge(p.nodePath(), p.size(), Long::sum);
            }
        }
        List<SummaryRow> rows = new ArrayList<>();
        Deque<NodeShape> openResiduals = new ArrayDeque<>();
        for (NodeShape node : architecture.nodes()) {
            closeResidualsOutside(node.path(), openResiduals, rows);
            if (node.layer() instanceof Residual) {
                openResiduals.push(node);
            } else if (!(node.layer() instanceof Sequential)) {
                rows.add(new SummaryRow(node.path(), type(node.layer()), node.output().toString(),
                        paramsByNode.getOrDefault(node.path(), 0L), MultiplyAccumulates.of(node)));
            }
        }
        closeResidualsOutside("", openResiduals, rows);
        long trainable = architecture.trainableParameterCount();
        return new Summary(architecture.name(), architecture.description(), architecture.input().toString(),
                Shape.flat(architecture.classes()).toString(),
                WeightLayers.depth(architecture), trainable, trainable, architecture.nonTrainableParameterCount(),
                MultiplyAccumulates.of(architecture), rows);
    }

    /** A residual's add comes after all of its branches: emit it once the walk leaves its subtree. */
    private static void closeResidualsOutside(String path, Deque<NodeShape> open, List<SummaryRow> rows) {
        while (!open.isEmpty() && !path.startsWith(open.peek().path() + ".")) {
            NodeShape residual = open.pop();
            Residual layer = (Residual) residual.layer();
            String activation = layer.activation() == null ? "" : "+" + activationName(layer.activation());
            rows.add(new SummaryRow(residual.path(), "Add(" + shortcutName(layer.shortcut()) + ")" + activation,
                    residual.output().toString(), 0, 0));
        }
    }

    /** The kind as a reader expects it: {@code ReLU}, {@code MaxPool}, {@code GlobalAvgPool}, else the record's kind. */
    static String type(Layer layer) {
        return layer.accept(TYPE_NAMES, "");
    }

    private static final LayerVisitor<String> TYPE_NAMES = new LayerVisitor<>() {
        @Override
        public String visitConv2d(Conv2d layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitDense(Dense layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitPool(Pool layer, String path) {
            return switch (layer.type()) {
                case MAX -> "MaxPool";
                case AVG -> "AvgPool";
            };
        }

        @Override
        public String visitGlobalPool(GlobalPool layer, String path) {
            return switch (layer.type()) {
                case MAX -> "GlobalMaxPool";
                case AVG -> "GlobalAvgPool";
            };
        }

        @Override
        public String visitBatchNorm(BatchNorm layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitActivation(Activation layer, String path) {
            return activationName(layer.function());
        }

        @Override
        public String visitDropout(Dropout layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitFlatten(Flatten layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitLocalResponseNorm(LocalResponseNorm layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitSequential(Sequential layer, String path) {
            return layer.kind();
        }

        @Override
        public String visitResidual(Residual layer, String path) {
            return layer.kind();
        }
    };

    private static String activationName(ActivationKind kind) {
        return switch (kind) {
            case RELU -> "ReLU";
            case TANH -> "Tanh";
            case SIGMOID -> "Sigmoid";
        };
    }

    private static String shortcutName(Shortcut shortcut) {
        return shortcut.accept(new Shortcut.Visitor<>() {
            @Override
            public String identity(Shortcut.Identity identity) {
                return "identity";
            }

            @Override
            public String zeroPad(Shortcut.ZeroPad zeroPad) {
                return "zero-pad";
            }

            @Override
            public String projection(Shortcut.Projection projection) {
                return "projection";
            }
        });
    }
}

package dev.zoo.dl4j;

import dev.zoo.api.backend.Precision;
import dev.zoo.api.backend.UnsupportedLayerException;
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
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.PoolType;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Turns a zoo layer tree into a DL4J {@link ComputationGraphConfiguration}. Every parameterised
 * node becomes a graph vertex named by its path, so parameters are found by the canonical names;
 * the pieces that have no spec node (a residual's add and activation, an option-A shortcut, the
 * loss) get names with a {@code /}, which no spec path can contain.
 *
 * <p>Deliberate mappings: convolutions and pools use {@link ConvolutionMode#Truncate} with explicit
 * padding (PyTorch's floor arithmetic); average pooling counts padded zeros
 * ({@code count_include_pad=True}); batch norm runs with DL4J decay 0 so that its running statistics
 * after a step are the batch statistics, from which {@link RunningStatistics} applies PyTorch's
 * update; dropout takes DL4J's retain probability {@code 1 - rate}; local response norm
 * is {@link PytorchLocalResponseNorm} (DL4J's own layer has a wrong backward pass). At float32, with
 * {@link ChannelBatchNorm} on, ReLU is fused into what precedes it: a batch norm's helper, or a
 * residual unit's add ({@link AddRelu}), so no ReLU layer copies the activations. The network ends in a parameter-free
 * softmax cross-entropy loss layer fed by the logits vertex.
 */
public final class Dl4jCompiler implements LayerVisitor<String> {

    /** Name of the graph input. */
    public static final String INPUT = "input";
    /** Name of the loss vertex. */
    public static final String LOSS = "/loss";

    private final Architecture architecture;
    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final List<String> batchNorms = new ArrayList<>();
    private final List<String> dropouts = new ArrayList<>();
    private final List<String> reluFused = new ArrayList<>();
    private final boolean fuseRelu;
    /** Whether convolutions and max pooling run on oneDNN 3 (float32, {@link LayerHelpers#oneDnnConvolution()}). */
    private final boolean oneDnn3;
    /** Whether images flow through the network channels-last ({@link LayerHelpers#channelsLast()}). */
    private final boolean nhwc;
    private String current = INPUT;

    /**
     * What compiling produced: the configuration plus the vertices the runner needs to know.
     * {@code reluFused} names the batch norms and convolutions whose following ReLU is computed by their helper
     * ({@link LayerHelpers#install(ComputationGraph, java.util.Set)} must install it).
     */
    public record Compiled(ComputationGraphConfiguration configuration, String logits, List<String> batchNorms,
            List<String> dropouts, List<String> reluFused) {
    }

    private Dl4jCompiler(Architecture architecture, Precision precision, long seed) {
        this.architecture = architecture;
        this.fuseRelu = precision == Precision.FLOAT32 && LayerHelpers.fusingBatchNorm();
        this.oneDnn3 = precision == Precision.FLOAT32 && LayerHelpers.oneDnnConvolution();
        this.graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT)
                .updater(new NoOp())
                .weightInit(WeightInit.ZERO)
                .convolutionMode(ConvolutionMode.Truncate)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(cacheMode())
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT);
        Shape in = architecture.input();
        graph.setInputTypes(in.isImage() ? InputType.convolutional(in.height(), in.width(), in.channels())
                : InputType.feedForward(in.dim(0)));
        this.nhwc = oneDnn3 && fuseRelu && in.isImage() && LayerHelpers.channelsLast() && channelsLastFits(architecture);
        if (nhwc) {
            graph.addVertex(CHANNELS_LAST, new PreprocessorVertex(ChannelsLast.entry(in.height(), in.width(),
                    in.channels())), INPUT);
            current = CHANNELS_LAST;
        }
    }

    /** Name of the vertex that copies the network's NCHW input to NHWC, in a network compiled channels-last. */
    public static final String CHANNELS_LAST = "/channels-last";

    /**
     * Whether every layer of {@code architecture} has a channels-last form here: all but local
     * response norm and (non-global) average pooling, which stay on DL4J's NCHW code.
     */
    static boolean channelsLastFits(Architecture architecture) {
        return architecture.nodes().stream().noneMatch(node -> node.layer() instanceof LocalResponseNorm
                || node.layer() instanceof Pool pool && pool.type() != PoolType.MAX);
    }

    /** Whether {@code compiled} runs its images channels-last. */
    public static boolean channelsLast(Compiled compiled) {
        return compiled.configuration().getVertices().containsKey(CHANNELS_LAST);
    }

    /** The system property that chooses DL4J's cache mode: {@code DEVICE} (default) or {@code NONE}. */
    public static final String CACHE_PROPERTY = "zoo.dl4j.cache";

    /**
     * DL4J's {@code CacheMode}: with {@code DEVICE}, a convolution keeps its forward output for its
     * backward pass; with {@code NONE}, DL4J 1.0.0-M2.1's {@code ConvolutionLayer.backpropGradient}
     * runs the forward convolution again (oneDNN's verbose log shows 38 forward convolutions per
     * ResNet-20 step instead of 19), about 30 ms of a 330 ms step at batch 64.
     */
    static CacheMode cacheMode() {
        return CacheMode.valueOf(LayerHelpers.choice(CACHE_PROPERTY, "DEVICE", "NONE"));
    }

    /**
     * Checks that every node can be compiled, naming the first that cannot. Every layer kind of
     * the spec language has a DL4J form today, so this only guards against a spec that shape
     * inference let through but that DL4J cannot run.
     */
    public static void check(Architecture architecture) {
        for (var node : architecture.nodes()) {
            if (node.layer() instanceof Pool pool && 2 * pool.padding() > pool.kernel()) {
                throw new UnsupportedLayerException(Dl4jBackend.ID, pool.kind(), node.path(),
                        "padding " + pool.padding() + " is more than half the window " + pool.kernel());
            }
        }
    }

    /** Compiles {@code architecture} at {@code precision}. */
    public static Compiled compile(Architecture architecture, Precision precision, long seed) {
        check(architecture);
        Dl4jCompiler compiler = new Dl4jCompiler(architecture, precision, seed);
        String logits = compiler.visitSequential(architecture.network(), "");
        compiler.graph.addLayer(LOSS, new LossLayer.Builder(new LossMCXENT())
                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build(), logits);
        compiler.graph.setOutputs(LOSS);
        return new Compiled(compiler.graph.build(), logits, List.copyOf(compiler.batchNorms),
                List.copyOf(compiler.dropouts), List.copyOf(compiler.reluFused));
    }

    private String add(String name, org.deeplearning4j.nn.conf.layers.Layer layer) {
        graph.addLayer(name, layer, current);
        return name;
    }

    @Override
    public String visitConv2d(Conv2d layer, String path) {
        return conv2d(layer, path, org.nd4j.linalg.activations.Activation.IDENTITY);
    }

    private String conv2d(Conv2d layer, String path, org.nd4j.linalg.activations.Activation activation) {
        ConvolutionLayer.Builder builder = new ConvolutionLayer.Builder(layer.kernel(), layer.kernel())
                .stride(layer.stride(), layer.stride())
                .padding(layer.padding(), layer.padding())
                .convolutionMode(ConvolutionMode.Truncate)
                .nOut(layer.filters())
                .hasBias(layer.bias())
                .activation(activation)
                // on oneDNN 3 a failure must say so: DL4J's fallback would drop a fused ReLU
                .cudnnAllowFallback(!oneDnn3);
        return add(path, oneDnn3 ? new OneDnnConvolutionLayer(builder) : builder.build());
    }

    @Override
    public String visitDense(Dense layer, String path) {
        return dense(layer, path, org.nd4j.linalg.activations.Activation.IDENTITY);
    }

    private String dense(Dense layer, String path, org.nd4j.linalg.activations.Activation activation) {
        // the backward pass takes the activation's derivative at the forward pass's output instead of redoing it
        return add(path, OnePassDenseLayer.of(new DenseLayer.Builder().nOut(layer.units()).hasBias(layer.bias())
                .activation(activation).build()));
    }

    @Override
    public String visitPool(Pool layer, String path) {
        if (oneDnn3 && layer.type() == PoolType.MAX) {
            // oneDNN 3 keeps the maxima's positions for the backward pass (OneDnnMaxPool)
            graph.addVertex(path, new OneDnnMaxPool(layer.kernel(), layer.stride(), layer.padding(), nhwc), current);
            return path;
        }
        return add(path, new SubsamplingLayer.Builder(layer.type() == PoolType.MAX
                ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG)
                .kernelSize(layer.kernel(), layer.kernel())
                .stride(layer.stride(), layer.stride())
                .padding(layer.padding(), layer.padding())
                .convolutionMode(ConvolutionMode.Truncate)
                .avgPoolIncludePadInDivisor(true)
                .build());
    }

    @Override
    public String visitGlobalPool(GlobalPool layer, String path) {
        return add(path, new GlobalPoolingLayer.Builder(layer.type() == PoolType.MAX
                ? org.deeplearning4j.nn.conf.layers.PoolingType.MAX : org.deeplearning4j.nn.conf.layers.PoolingType.AVG)
                .collapseDimensions(true).build());
    }

    @Override
    public String visitBatchNorm(BatchNorm layer, String path) {
        batchNorms.add(path);
        // a helper that fails must say so: DL4J's fallback would drop a fused ReLU
        return add(path, new BatchNormalization.Builder().eps(layer.epsilon()).decay(0.0).useLogStd(false)
                .cudnnAllowFallback(!fuseRelu).build());
    }

    @Override
    public String visitActivation(Activation layer, String path) {
        return add(path, activationLayer(layer.function()));
    }

    private static ActivationLayer activationLayer(ActivationKind kind) {
        return new ActivationLayer.Builder().activation(dl4j(kind)).build();
    }

    private static org.nd4j.linalg.activations.Activation dl4j(ActivationKind kind) {
        return switch (kind) {
            case RELU -> org.nd4j.linalg.activations.Activation.RELU;
            case TANH -> org.nd4j.linalg.activations.Activation.TANH;
            case SIGMOID -> org.nd4j.linalg.activations.Activation.SIGMOID;
        };
    }

    @Override
    public String visitDropout(Dropout layer, String path) {
        dropouts.add(path);
        return add(path, new DropoutLayer.Builder(1.0 - layer.rate()).build());
    }

    @Override
    public String visitFlatten(Flatten layer, String path) {
        Shape in = architecture.node(path).input();
        if (!in.isImage()) {
            return current;
        }
        graph.addVertex(path, new PreprocessorVertex(nhwc ? ChannelsLast.flatten(in.height(), in.width(),
                in.channels()) : new CnnToFeedForwardPreProcessor(in.height(), in.width(), in.channels())), current);
        return path;
    }

    @Override
    public String visitLocalResponseNorm(LocalResponseNorm layer, String path) {
        graph.addVertex(path, new PreprocessorVertex(new PytorchLocalResponseNorm(layer.size(), layer.alpha(),
                layer.beta(), layer.k())), current);
        return path;
    }

    /**
     * Compiles the children in order. A convolution or dense layer directly followed by an
     * activation becomes one DL4J layer with that activation, as a DL4J user writes it: a separate
     * {@code ActivationLayer} costs one more pass over the activations each way (the lesson CNN
     * trained 12% slower). Nothing reads the value between the two, and the activation has no
     * parameters, so names and weights are unchanged. Likewise a batch norm followed by ReLU, at
     * float32 with {@link ChannelBatchNorm}, becomes one layer whose helper applies the ReLU in the
     * same loops, saving the ReLU layer's copy and pass over the activations each way.
     */
    @Override
    public String visitSequential(Sequential layer, String path) {
        List<Layer> children = layer.layers();
        for (int i = 0; i < children.size(); i++) {
            Layer child = children.get(i);
            String childPath = Layer.childPath(path, child);
            if (oneDnn3 && i + 1 < children.size() && child instanceof Conv2d conv
                    && children.get(i + 1) instanceof Activation act && act.function() == ActivationKind.RELU) {
                current = conv2d(conv, childPath, org.nd4j.linalg.activations.Activation.IDENTITY);
                reluFused.add(childPath);
                i++;
            } else if (i + 1 < children.size() && children.get(i + 1) instanceof Activation act
                    && (child instanceof Conv2d || child instanceof Dense)) {
                current = child instanceof Conv2d conv ? conv2d(conv, childPath, dl4j(act.function()))
                        : dense((Dense) child, childPath, dl4j(act.function()));
                i++;
            } else if (fuseRelu && i + 1 < children.size() && child instanceof BatchNorm
                    && children.get(i + 1) instanceof Activation act && act.function() == ActivationKind.RELU) {
                current = child.accept(this, childPath);
                reluFused.add(childPath);
                i++;
            } else {
                current = child.accept(this, childPath);
            }
        }
        return current;
    }

    @Override
    public String visitResidual(Residual layer, String path) {
        String input = current;
        String body = visitSequential(layer.body(), path);
        String shortcut;
        if (layer.shortcut() instanceof Shortcut.Identity) {
            shortcut = input;
        } else if (layer.shortcut() instanceof Shortcut.ZeroPad pad) {
            Shape in = architecture.node(path).input();
            shortcut = path + "/zero-pad";
            graph.addVertex(shortcut, new PreprocessorVertex(new ZeroPadShortcut(pad.stride(), in.channels(),
                    pad.outChannels(), in.height(), in.width(), nhwc)), input);
        } else {
            current = input;
            shortcut = visitSequential(((Shortcut.Projection) layer.shortcut()).layers(), Residual.shortcutPath(path));
        }
        String sum = path + "/add";
        if (fuseRelu && layer.activation() == ActivationKind.RELU) {
            graph.addVertex(path + "/add-relu", new AddRelu(), body, shortcut);
            current = path + "/add-relu";
            return current;
        }
        graph.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), body, shortcut);
        current = sum;
        if (layer.activation() != null) {
            current = add(path + "/" + layer.activation().name().toLowerCase(java.util.Locale.ROOT),
                    activationLayer(layer.activation()));
        }
        return current;
    }
}

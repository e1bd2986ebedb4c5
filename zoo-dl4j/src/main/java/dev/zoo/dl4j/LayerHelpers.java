package dev.zoo.dl4j;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Sets the "helpers" of a DL4J graph's layers: for a compiled network, convolution on oneDNN 3
 * ({@link OneDnnConvolution}) and batch norm on oneDNN 3 over NHWC ({@link OneDnnBatchNorm}) or as
 * Java loops over NCHW ({@link ChannelBatchNorm}); for DL4J's own layers, libnd4j's native
 * {@code conv2d} and {@code batchnorm} (oneDNN 2 kernels) instead of DL4J's Java im2col/GEMM.
 *
 * <p>DL4J 1.0.0-M2.1 ships its oneDNN helpers but never turns them on: {@code HelperUtils} skips
 * them unless {@code org.eclipse.deeplearning4j.helpers.disable=false}, and even then
 * {@code BaseMKLDNNHelper.mklDnnEnabled()} looks for {@code org.nd4j.nativeblas.Nd4jCpu$Environment},
 * a class that moved to {@code org.nd4j.linalg.cpu.nativecpu.bindings} in that release, so every
 * layer falls back to the Java path. Measured on 2 cores, batch 128 of 16x32x32: a 3x3 convolution
 * step 0.70 s in Java, 0.055 s through the helper.
 *
 * <p>This class sets each layer's helper field directly. Pooling needs none: DL4J's max pooling
 * already calls libnd4j's {@code maxpool2d}, and the average-pooling helper would drop
 * {@code avgPoolIncludePadInDivisor}. The helpers work at float32 only (at float64 they decline
 * and DL4J's own code runs). Set the system property {@code zoo.dl4j.onednn=false} to keep DL4J's
 * built-in layers everywhere, {@code zoo.dl4j.batchnorm=onednn} to run batch norm on libnd4j's
 * kernels (DL4J's own helper), or {@code zoo.dl4j.layout=nchw} to compile networks NCHW.
 */
public final class LayerHelpers {

    /** The system property that turns the helpers off. */
    public static final String PROPERTY = "zoo.dl4j.onednn";
    /**
     * The system property that chooses the batch-norm helper: {@code onednn3} (default,
     * {@link OneDnnBatchNorm}), {@code channel} ({@link ChannelBatchNorm}'s Java loops) or {@code onednn}
     * (libnd4j's kernels, DL4J's own helper).
     */
    public static final String BATCH_NORM_PROPERTY = "zoo.dl4j.batchnorm";
    /**
     * The system property that chooses the compiled network's convolution helper: {@code onednn3}
     * (default, {@link OneDnnConvolution}) or {@code nd4j} (libnd4j's {@code conv2d}, DL4J's own helper).
     */
    public static final String CONV_PROPERTY = "zoo.dl4j.conv";

    /**
     * The system property that chooses how a compiled float32 network on oneDNN 3 lays out its
     * images: {@code nhwc} (default, channels-last: no layout reorders around the convolutions) or
     * {@code nchw}.
     */
    public static final String LAYOUT_PROPERTY = "zoo.dl4j.layout";

    private LayerHelpers() {
    }

    /** Whether {@link #install} does anything ({@code zoo.dl4j.onednn} is not {@code false}). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /**
     * Whether batch norm runs as {@link OneDnnBatchNorm} or {@link ChannelBatchNorm} at float32 (then the compiler may fuse a
     * following ReLU into it).
     */
    static boolean fusingBatchNorm() {
        return enabled() && !batchNorm(false).equals("onednn");
    }

    /**
     * The batch-norm helper chosen by {@link #BATCH_NORM_PROPERTY}: {@code auto} is {@code onednn3} for
     * NHWC and {@code channel} for NCHW (oneDNN's batch norm over NCHW is its slow generic kernel:
     * ResNet-20 trained 0.72 as fast as with {@code channel}); {@code onednn3} only where oneDNN 3 loads.
     */
    static String batchNorm(boolean nhwc) {
        String choice = choice(BATCH_NORM_PROPERTY, "auto", "onednn3", "channel", "onednn");
        if (choice.equals("auto")) {
            choice = nhwc ? "onednn3" : "channel";
        }
        return choice.equals("onednn3") && !OneDnn.available() ? "channel" : choice;
    }

    /** Whether a compiled float32 network on oneDNN 3 runs channels-last ({@link #LAYOUT_PROPERTY}). */
    static boolean channelsLast() {
        return choice(LAYOUT_PROPERTY, "nhwc", "nchw").equals("nhwc");
    }

    /** Whether a compiled network's convolutions run as {@link OneDnnConvolution}. */
    static boolean oneDnnConvolution() {
        return enabled() && choice(CONV_PROPERTY, "onednn3", "nd4j").equals("onednn3") && OneDnn.available();
    }

    /**
     * The value of a system property that must be one of {@code choices}, the first being the default;
     * anything else is refused naming the property, the choices and the value.
     */
    static String choice(String property, String... choices) {
        String value = System.getProperty(property, choices[0]).trim();
        if (!java.util.List.of(choices).contains(value)) {
            throw new IllegalArgumentException("dl4j: -D" + property + " must be " + String.join(" or ", choices)
                    + ", got '" + value + "'");
        }
        return value;
    }

    /**
     * Installs DL4J's own native helpers (oneDNN convolution and batch norm) into every convolution
     * and batch-norm layer of an initialised graph, as a DL4J user who knows of them would.
     *
     * @return how many layers got a helper (0 when {@link #enabled()} is false)
     */
    public static int install(ComputationGraph graph) {
        return install(graph, false, false, Set.of());
    }

    /**
     * Installs the helpers of a compiled network: oneDNN convolution, and {@link ChannelBatchNorm}
     * (unless {@code zoo.dl4j.batchnorm=onednn}), fused with ReLU on the layers named in
     * {@code reluFused}.
     */
    static int install(ComputationGraph graph, Set<String> reluFused) {
        return install(graph, oneDnnConvolution(), fusingBatchNorm(), reluFused);
    }

    private static int install(ComputationGraph graph, boolean conv3, boolean channel, Set<String> reluFused) {
        if (!enabled()) {
            if (!reluFused.isEmpty()) {
                throw new IllegalStateException("dl4j: layers fused with ReLU need their helpers: " + reluFused);
            }
            return 0;
        }
        DataType type = graph.getConfiguration().getDataType();
        int installed = 0;
        OneDnn.Arena arena = new OneDnn.Arena();
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof ConvolutionLayer conv && (conv.getClass() == ConvolutionLayer.class
                    || conv instanceof OneDnnConvolutionLayer.Impl)) {
                String name = layer.getConfig().getLayerName();
                boolean relu = reluFused.contains(name);
                if (conv3) {
                    boolean bias = ((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.getConfig()).hasBias();
                    boolean inputGradient = !readsNetworkInput(graph, name);
                    installed += set(ConvolutionLayer.class, layer,
                            t -> new OneDnnConvolution(name, bias, inputGradient, relu, arena), type);
                } else if (relu) {
                    throw new IllegalStateException("dl4j: " + name + " is fused with ReLU but convolution is not "
                            + OneDnnConvolution.class.getSimpleName());
                } else {
                    installed += set(ConvolutionLayer.class, layer, MKLDNNConvHelper::new, type);
                }
            } else if (layer instanceof BatchNormalization bn && bn.getClass() == BatchNormalization.class) {
                boolean relu = reluFused.contains(layer.getConfig().getLayerName());
                if (relu && !channel) {
                    throw new IllegalStateException("dl4j: " + layer.getConfig().getLayerName()
                            + " is fused with ReLU but batch norm runs on libnd4j (-D" + BATCH_NORM_PROPERTY + "=onednn)");
                }
                String name = layer.getConfig().getLayerName();
                boolean nhwc = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.getConfig())
                        .getCnn2DFormat() == CNN2DFormat.NHWC;
                Function<DataType, Object> helper = !channel ? MKLDNNBatchNormHelper::new
                        : batchNorm(nhwc).equals("onednn3") ? t -> new OneDnnBatchNorm(name, relu, arena)
                        : t -> new ChannelBatchNorm(relu);
                installed += set(BatchNormalization.class, layer, helper, type);
            }
        }
        return installed;
    }

    /**
     * Whether nothing reads the gradient with respect to a layer's input: the layer takes network
     * inputs directly, with no preprocessor or dropout between, and is their only reader (DL4J adds
     * the gradients of an input read twice, and would add null).
     */
    static boolean readsNetworkInput(ComputationGraph graph, String layerName) {
        var conf = graph.getConfiguration();
        var vertex = conf.getVertices().get(layerName);
        if (!(vertex instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv) || lv.getPreProcessor() != null
                || lv.getLayerConf().getLayer().getIDropout() != null) {
            return false;
        }
        java.util.List<String> inputs = conf.getVertexInputs().get(layerName);
        if (inputs != null && inputs.size() == 1
                && conf.getVertices().get(inputs.get(0)) instanceof org.deeplearning4j.nn.conf.graph.PreprocessorVertex pv
                && pv.getPreProcessor() instanceof ChannelsLast) {
            // the network's input copied to NHWC, which passes on no gradient when given none
            long readers = conf.getVertexInputs().values().stream().filter(in -> in.contains(inputs.get(0))).count();
            if (readers != 1) {
                return false;
            }
            return readsNetworkInputOnly(conf, conf.getVertexInputs().get(inputs.get(0)));
        }
        return readsNetworkInputOnly(conf, inputs);
    }

    private static boolean readsNetworkInputOnly(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf,
            java.util.List<String> inputs) {
        if (inputs == null || inputs.isEmpty() || !conf.getNetworkInputs().containsAll(inputs)) {
            return false;
        }
        for (String input : inputs) {
            long readers = conf.getVertexInputs().values().stream().filter(in -> in.contains(input)).count();
            if (readers != 1) {
                return false;
            }
        }
        return true;
    }

    static int set(Class<?> owner, Layer layer, Function<DataType, Object> helper, DataType type) {
        try {
            Field field = owner.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper.apply(type));
            return 1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("dl4j: cannot install the native " + owner.getSimpleName()
                    + " helper (deeplearning4j-nn other than 1.0.0-M2.1 on the class path?); run with -D"
                    + PROPERTY + "=false to use DL4J's built-in layers", e);
        }
    }

    /**
     * {@code layer}, a DL4J layer implementation that a configuration subclass instantiates, wired
     * as DL4J's own configurations wire theirs: listeners, index, the parameter view and the
     * parameters {@code initializer} lays out in it, the configuration.
     */
    static <L extends org.deeplearning4j.nn.layers.BaseLayer<?>> L wire(L layer,
            org.deeplearning4j.nn.api.ParamInitializer initializer, org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners, int index,
            org.nd4j.linalg.api.ndarray.INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}

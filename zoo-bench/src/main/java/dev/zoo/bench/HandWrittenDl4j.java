package dev.zoo.bench;

import dev.zoo.api.spec.Shape;
import dev.zoo.dl4j.Dl4jBackend;
import dev.zoo.dl4j.LayerHelpers;
import dev.zoo.dl4j.ZeroPadShortcut;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The lesson CNN and CIFAR ResNet-20 written directly with DL4J's builders, the way a DL4J user
 * would, trained with DL4J's own {@code fit} and {@code Nesterovs} updater with L2: the baseline
 * that the networks compiled by zoo-dl4j are measured against. Option-A shortcuts use zoo-dl4j's
 * {@link ZeroPadShortcut} because DL4J has no parameter-free building block for them. Both get
 * the native convolution and batch-norm kernels of {@link LayerHelpers} and the backend's
 * native-thread settings ({@link Dl4jBackend#configureNativeThreads()}).
 */
public final class HandWrittenDl4j {

    /** torchvision's initialisation of dense layers, which the compiled networks get. */
    private static final NormalDistribution DENSE_INIT = new NormalDistribution(0, 0.01);

    private HandWrittenDl4j() {
    }

    private static ComputationGraphConfiguration.GraphBuilder start(Shape input, double lr) {
        // before anything loads ND4J: the native threads wait between operations as the compiled
        // network's do, so the two differ only in how they were built
        Dl4jBackend.configureNativeThreads();
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Nesterovs(lr, 0.9)).l2(5e-4)
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(input.height(), input.width(), input.channels()));
    }

    private static ComputationGraph finish(ComputationGraphConfiguration.GraphBuilder g, String last, int classes) {
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).weightInit(DENSE_INIT)
                .activation(Activation.SOFTMAX).build(), last).setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        // The same native kernels the compiled network gets, so the two differ only in how they
        // were built (DL4J alone never turns them on; LayerHelpers says why).
        LayerHelpers.install(graph);
        return graph;
    }

    /** Two 3x3 conv + 2x2 max-pool stages, dense 256, dense classes (softmax output layer). */
    public static ComputationGraph lessonCnn(Shape input, int classes, double lr) {
        var g = start(input, lr)
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(16).weightInit(convInit(16, 3))
                        .activation(Activation.RELU).build(), "in")
                .addLayer("pool1", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(32).weightInit(convInit(32, 3))
                        .activation(Activation.RELU).build(), "pool1")
                .addLayer("pool2", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "conv2")
                .addLayer("fc1", new DenseLayer.Builder().nOut(256).weightInit(DENSE_INIT).activation(Activation.RELU)
                        .build(), "pool2");
        return finish(g, "fc1", classes);
    }

    /**
     * The lesson CNN starts from the compiled networks' initialisation (torchvision's: He normal
     * with fan-out for convolutions, N(0, 0.01) for dense layers), because the speed of max
     * pooling's gradient depends on the values it sees.
     */
    private static NormalDistribution convInit(int out, int kernel) {
        return new NormalDistribution(0, Math.sqrt(2.0 / (out * kernel * kernel)));
    }


    /** CIFAR ResNet-20 (He et al. 2015, section 4.2) with option-A shortcuts. */
    public static ComputationGraph resnet20(Shape input, int classes, double lr) {
        var g = start(input, lr);
        String x = convBn(g, "stem", "in", 16, 1);
        x = relu(g, "stem_relu", x);
        int channels = 16;
        int height = input.height();
        int width = input.width();
        for (int stage = 0; stage < 3; stage++) {
            int filters = 16 << stage;
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                String name = "s" + stage + "b" + block;
                String y = relu(g, name + "_relu1", convBn(g, name + "_1", x, filters, stride));
                y = convBn(g, name + "_2", y, filters, 1);
                String shortcut = x;
                if (stride != 1 || filters != channels) {
                    shortcut = name + "_pad";
                    g.addVertex(shortcut, new PreprocessorVertex(new ZeroPadShortcut(stride, channels, filters, height,
                            width)), x);
                    height = (height - 1) / stride + 1;
                    width = (width - 1) / stride + 1;
                }
                g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), y, shortcut);
                x = relu(g, name + "_relu2", name + "_add");
                channels = filters;
            }
        }
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        return finish(g, "gap", classes);
    }

    private static String convBn(ComputationGraphConfiguration.GraphBuilder g, String name, String in, int filters,
            int stride) {
        g.addLayer(name + "_conv", new ConvolutionLayer.Builder(3, 3).stride(stride, stride).padding(1, 1).nOut(filters)
                .hasBias(false).activation(Activation.IDENTITY).build(), in);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name + "_conv");
        return name + "_bn";
    }

    private static String relu(ComputationGraphConfiguration.GraphBuilder g, String name, String in) {
        g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), in);
        return name;
    }
}

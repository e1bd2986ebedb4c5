package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Precision;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Dense layers whose backward pass reuses the forward pass's output give DL4J's own gradients bit
 * for bit: ReLU and the identity (the direct path), tanh (DL4J's path), with dropout after a ReLU
 * layer rewriting its output in place, and after the input changed between the two passes.
 */
class OnePassDenseLayerTest {

    /** 20 inputs, dense ReLU, dropout, dense identity, dense tanh, softmax cross-entropy. */
    private static ComputationGraph graph(UnaryOperator<DenseLayer> wrap) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(20))
                .addLayer("fc1", wrap.apply(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build()), "in")
                .addLayer("drop", new DropoutLayer.Builder(0.5).build(), "fc1")
                .addLayer("fc2", wrap.apply(new DenseLayer.Builder().nOut(12).activation(Activation.IDENTITY).build()),
                        "drop")
                .addLayer("fc3", wrap.apply(new DenseLayer.Builder().nOut(6).activation(Activation.TANH).build()), "fc2")
                .addLayer("loss", new LossLayer.Builder(new LossMCXENT()).activation(Activation.SOFTMAX).build(), "fc3")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** The flat gradient and score of one training pass on {@code x}, with the dropout masks of a fixed seed. */
    private static INDArray gradient(ComputationGraph g, INDArray x, INDArray y) {
        Nd4j.getRandom().setSeed(42);
        g.setInputs(x);
        g.setLabels(y);
        g.computeGradientAndScore();
        return g.gradient().gradient().dup();
    }

    @Test
    void gradientsAreDl4jsBitForBitAndTheDenseLayersRunTheirOwnCode() {
        ComputationGraph dl4j = graph(d -> d);
        ComputationGraph onePass = graph(OnePassDenseLayer::of);
        onePass.setParams(dl4j.params().dup());
        assertThat(onePass.getLayer("fc1")).isInstanceOf(OnePassDenseLayer.Impl.class);
        assertThat(onePass.getLayer("fc3")).isInstanceOf(OnePassDenseLayer.Impl.class);
        assertThat(onePass.getConfiguration().toJson()).as("the settings are DL4J's")
                .contains("\"nout\" : 16").contains("ActivationReLU").contains("ActivationTanH");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, 20);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 6);
        for (int i = 0; i < 32; i++) {
            y.putScalar(i, i % 6, 1f);
        }
        for (int step = 0; step < 3; step++) {
            INDArray expected = gradient(dl4j, x, y);
            assertThat(expected.amaxNumber().doubleValue()).as("a gradient to compare").isGreaterThan(1e-3);
            assertThat(gradient(onePass, x, y)).as("step %d", step).isEqualTo(expected);
            assertThat(onePass.score()).isEqualTo(dl4j.score());
            // both take the same step, so the next comparison starts from other weights
            dl4j.params().subi(expected.mul(0.5));
            onePass.params().subi(expected.mul(0.5));
        }
        assertThat(((OnePassDenseLayer.Impl) onePass.getLayer("fc1")).directBackwardPasses()).as("ReLU").isEqualTo(3);
        assertThat(((OnePassDenseLayer.Impl) onePass.getLayer("fc2")).directBackwardPasses()).as("identity").isEqualTo(3);
        assertThat(((OnePassDenseLayer.Impl) onePass.getLayer("fc3")).directBackwardPasses()).as("tanh: DL4J's code")
                .isZero();
    }

    @Test
    void aBackwardPassAfterTheInputChangedIsDl4jsOnTheNewInput() {
        ComputationGraph g = graph(OnePassDenseLayer::of);
        g.initGradientsView();
        OnePassDenseLayer.Impl fc1 = (OnePassDenseLayer.Impl) g.getLayer("fc1");
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.FLOAT, 4, 20);
        INDArray b = Nd4j.randn(DataType.FLOAT, 4, 20);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 4, 16);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        fc1.setInput(a, none);
        fc1.activate(true, none);
        fc1.setInput(b, none);
        INDArray afterChange = fc1.backpropGradient(eps.dup(), none).getSecond().dup();
        assertThat(fc1.directBackwardPasses()).isZero();
        fc1.setInput(b, none);
        fc1.activate(true, none);
        INDArray direct = fc1.backpropGradient(eps.dup(), none).getSecond().dup();
        assertThat(fc1.directBackwardPasses()).isEqualTo(1);
        assertThat(afterChange).isEqualTo(direct);
        INDArray z = b.mmul(g.getParam("fc1_W")).addRowVector(g.getParam("fc1_b"));
        INDArray expected = eps.mul(z.gt(0).castTo(DataType.FLOAT)).mmul(g.getParam("fc1_W").transpose());
        assertThat(direct.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void theCompilerBuildsItsDenseLayersThisWay() {
        for (Precision p : Precision.values()) {
            ComputationGraph g = new ComputationGraph(Dl4jCompiler.compile(ModelZoo.build("lesson_cnn",
                    Shape.parse("1x28x28"), 10), p, 1).configuration());
            g.init();
            assertThat(g.getLayer("fc1")).as("%s", p).isInstanceOf(OnePassDenseLayer.Impl.class);
            assertThat(g.getLayer("fc2")).as("%s", p).isInstanceOf(OnePassDenseLayer.Impl.class);
        }
    }
}

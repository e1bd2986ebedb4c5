package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Precision;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The fused end of a residual unit against add-then-ReLU written with ND4J operations. Whole
 * networks with it train as with DL4J's own add vertex and ReLU layer ({@link LayerHelpersTest}) and
 * as PyTorch does ({@link Dl4jAgreesWithPytorchTest}'s residual network).
 */
class AddReluTest {

    private static AddRelu.Impl vertex(INDArray a, INDArray b) {
        AddRelu.Impl vertex = new AddRelu.Impl(null, "block/add-relu", 0, DataType.FLOAT);
        vertex.setInputs(new INDArray[] {a, b});
        return vertex;
    }

    @Test
    void forwardIsReluOfTheSumAndBothInputsGetTheMaskedGradient() {
        // 3 x 5 x 7 x 9 = 945 values: more than one thread's share, not a multiple of the chunk
        INDArray a = Nd4j.randn(DataType.FLOAT, 3, 5, 7, 9);
        INDArray b = Nd4j.randn(DataType.FLOAT, 3, 5, 7, 9);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 3, 5, 7, 9);
        AddRelu.Impl vertex = vertex(a, b);
        INDArray out = vertex.doForward(true, LayerWorkspaceMgr.noWorkspaces());
        INDArray sum = a.add(b);
        assertThat(out).isEqualTo(Transforms.relu(sum, true));
        vertex.setEpsilon(dy);
        INDArray[] gradients = vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        INDArray expected = dy.mul(sum.gt(0).castTo(DataType.FLOAT));
        assertThat(gradients).hasSize(2);
        assertThat(gradients[0]).isEqualTo(expected);
        assertThat(gradients[1]).isEqualTo(expected).isNotSameAs(gradients[0]);
    }

    @Test
    void aBackwardPassOnOtherInputsMasksByTheirSumNotByTheLastForwardPass() {
        INDArray a = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3);
        INDArray b = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3);
        INDArray c = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3);
        INDArray d = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3);
        AddRelu.Impl vertex = vertex(a, b);
        vertex.doForward(true, LayerWorkspaceMgr.noWorkspaces());
        vertex.setInputs(new INDArray[] {c, d});
        vertex.setEpsilon(dy);
        INDArray[] gradients = vertex.doBackward(false, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        INDArray expected = dy.mul(c.add(d).gt(0).castTo(DataType.FLOAT));
        assertThat(gradients[0]).isEqualTo(expected);
        assertThat(gradients[1]).isEqualTo(expected);
    }

    @Test
    void aViewThatIsNotContiguousIsReadAsItsValues() {
        INDArray a = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3).permute(0, 1, 3, 2);
        INDArray b = Nd4j.randn(DataType.FLOAT, 2, 4, 3, 3);
        INDArray out = vertex(a, b).doForward(true, LayerWorkspaceMgr.noWorkspaces());
        assertThat(out).isEqualTo(Transforms.relu(a.dup('c').add(b), true));
    }

    @Test
    void anythingButTwoFloat32ArraysOfOneShapeIsRefusedNamingTheVertex() {
        INDArray a = Nd4j.randn(DataType.DOUBLE, 2, 3);
        assertThatThrownBy(() -> vertex(a, a).doForward(true, LayerWorkspaceMgr.noWorkspaces()))
                .hasMessageContaining("block/add-relu").hasMessageContaining("float32").hasMessageContaining("DOUBLE");
        INDArray c = Nd4j.randn(DataType.FLOAT, 2, 3);
        INDArray d = Nd4j.randn(DataType.FLOAT, 3, 2);
        assertThatThrownBy(() -> vertex(c, d).doForward(true, LayerWorkspaceMgr.noWorkspaces()))
                .hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }

    @Test
    void resnet20AtFloat32EndsEveryUnitWithTheFusedVertexAndHasNoReluLayerLeft() {
        Map<String, GraphVertex> vertices = Dl4jCompiler.compile(ModelZoo.build("resnet20", Shape.chw(3, 32, 32), 10),
                Precision.FLOAT32, 1).configuration().getVertices();
        assertThat(vertices.values().stream().filter(v -> v instanceof AddRelu)).hasSize(9);
        assertThat(vertices.values().stream().filter(v -> v instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer)).isEmpty();
        Map<String, GraphVertex> float64 = Dl4jCompiler.compile(ModelZoo.build("resnet20", Shape.chw(3, 32, 32), 10),
                Precision.FLOAT64, 1).configuration().getVertices();
        assertThat(float64.values().stream().filter(v -> v instanceof AddRelu)).isEmpty();
    }
}

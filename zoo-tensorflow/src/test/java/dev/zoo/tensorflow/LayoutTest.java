package dev.zoo.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canonical OIHW and {@code [out, in]} against TensorFlow's HWIO and {@code [in, out]}, and the
 * NHWC row order of a dense kernel that a flattened feature map feeds.
 */
class LayoutTest {

    /** conv (2 filters, 3x3, on 3x4x5) then flatten then the given layers, then a dense of 3. */
    private static Architecture convFlatten(Layer... between) {
        List<Layer> layers = new ArrayList<>();
        layers.add(Conv2d.of("c", 2, 3, 1, 1));
        layers.add(new Flatten("flat"));
        layers.addAll(List.of(between));
        layers.add(Dense.of("d", 3));
        return new Architecture("t", "", Shape.chw(3, 4, 5), 3, new Sequential("t", layers));
    }

    private static ParameterSpec spec(Architecture a, String name) {
        return a.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static double[] iota(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void convolutionKernelsGoFromOihwToHwio() {
        Architecture a = convFlatten();
        ParameterSpec p = spec(a, "c.weight");
        Layout layout = Layout.of(a);
        assertThat(Layout.tfShape(p)).containsExactly(3, 3, 3, 2);
        double[] tf = layout.toTf(p, iota(54));
        // canonical [o=1, i=2, h=1, w=0] is value ((1*3+2)*3+1)*3+0 = 48, at HWIO [1, 0, 2, 1]
        assertThat(tf[((1 * 3 + 0) * 3 + 2) * 2 + 1]).isEqualTo(48);
        assertThat(layout.toCanonical(p, tf)).containsExactly(iota(54));
    }

    @Test
    void denseKernelsAreTransposed() {
        Architecture a = convFlatten(Dense.of("d0", 2), Activation.relu("r"));
        ParameterSpec p = spec(a, "d.weight"); // [3, 2]: not fed by the flatten
        Layout layout = Layout.of(a);
        assertThat(Layout.tfShape(p)).containsExactly(2, 3);
        assertThat(layout.toTf(p, new double[] {0, 1, 2, 3, 4, 5})).containsExactly(0, 2, 4, 1, 3, 5);
        assertThat(layout.toCanonical(p, new double[] {0, 2, 4, 1, 3, 5})).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aDenseKernelFedByAFlattenedMapKeepsItsRowsInNhwcOrder() {
        Architecture a = convFlatten(Activation.relu("r"));
        ParameterSpec p = spec(a, "d.weight"); // [3, 2*4*5]
        Layout layout = Layout.of(a);
        assertThat(layout.flattensNhwc("flat")).isTrue();
        double[] tf = layout.toTf(p, iota(3 * 40));
        // canonical [o=2, c=1, h=3, w=4] (column 1*20 + 3*5 + 4 = 39, value 2*40 + 39 = 119) sits at
        // NHWC row (3*5 + 4)*2 + 1 = 39, column 2
        assertThat(tf[39 * 3 + 2]).isEqualTo(119);
        // canonical [o=0, c=1, h=0, w=0] (column 20, value 20) at row 1
        assertThat(tf[1 * 3]).isEqualTo(20);
        assertThat(layout.toCanonical(p, tf)).containsExactly(iota(120));
    }

    @Test
    void aFlattenFollowedByAnythingButDropoutOrActivationsKeepsPyTorchsOrder() {
        Architecture a = convFlatten(BatchNorm.of("bn"));
        Layout layout = Layout.of(a);
        assertThat(layout.flattensNhwc("flat")).isFalse();
        ParameterSpec p = spec(a, "d.weight");
        assertThat(layout.toTf(p, iota(120))[1]).as("plain transpose: row 0, column 1 is canonical [1, 0]").isEqualTo(40);
    }

    @Test
    void zooHeadsFoldTheirFlattenThroughDropout() {
        assertThat(Layout.of(ModelZoo.build("lesson_cnn", Shape.chw(3, 32, 32), 10)).flattensNhwc("flatten")).isTrue();
        Architecture alexnet = ModelZoo.build("alexnet", Shape.chw(3, 64, 64), 10);
        String flatten = alexnet.nodes().stream().filter(n -> n.layer() instanceof Flatten).findFirst().orElseThrow().path();
        assertThat(Layout.of(alexnet).flattensNhwc(flatten)).isTrue();
    }

    @Test
    void vectorsStayAsTheyAre() {
        Architecture a = convFlatten(BatchNorm.of("bn"));
        assertThat(Layout.of(a).toTf(spec(a, "bn.running_var"), new double[] {1, 2, 3})).containsExactly(1, 2, 3);
    }
}

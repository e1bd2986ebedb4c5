package dev.zoo.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.ParameterRole;
import dev.zoo.api.spec.ParameterSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical OIHW and {@code [out, in]} against TensorFlow's HWIO and {@code [in, out]}. */
class LayoutTest {

    private static double[] iota(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }

    @Test
    void convolutionKernelsGoFromOihwToHwio() {
        ParameterSpec p = new ParameterSpec("c.weight", "c", ParameterRole.CONV_WEIGHT, List.of(4, 3, 2, 5), 30);
        assertThat(Layout.tfShape(p)).containsExactly(2, 5, 3, 4);
        double[] tf = Layout.toTf(p, iota(120));
        // canonical [o=1, i=2, h=1, w=3] is value ((1*3+2)*2+1)*5+3 = 58, at HWIO [1, 3, 2, 1]
        assertThat(tf[((1 * 5 + 3) * 3 + 2) * 4 + 1]).isEqualTo(58);
        assertThat(Layout.toCanonical(p, tf)).containsExactly(iota(120));
    }

    @Test
    void denseKernelsAreTransposed() {
        ParameterSpec p = new ParameterSpec("d.weight", "d", ParameterRole.DENSE_WEIGHT, List.of(2, 3), 3);
        assertThat(Layout.tfShape(p)).containsExactly(3, 2);
        assertThat(Layout.toTf(p, new double[] {0, 1, 2, 3, 4, 5})).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(Layout.toCanonical(p, new double[] {0, 3, 1, 4, 2, 5})).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void vectorsStayAsTheyAre() {
        ParameterSpec p = new ParameterSpec("bn.running_var", "bn", ParameterRole.BN_RUNNING_VAR, List.of(3), 0);
        assertThat(Layout.toTf(p, new double[] {1, 2, 3})).containsExactly(1, 2, 3);
    }
}

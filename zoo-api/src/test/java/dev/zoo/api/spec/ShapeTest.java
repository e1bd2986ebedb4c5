package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShapeTest {

    @Test
    void parsesImageAndFlatShapes() {
        assertThat(Shape.parse("3x32x32")).isEqualTo(Shape.chw(3, 32, 32));
        assertThat(Shape.parse(" 1X28x28 ")).isEqualTo(Shape.chw(1, 28, 28));
        assertThat(Shape.parse("784")).isEqualTo(Shape.flat(784));
        assertThat(Shape.chw(3, 224, 224)).hasToString("3x224x224");
        assertThat(Shape.chw(3, 224, 224).size()).isEqualTo(150_528L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3x32", "3x32x32x1", "3xAx32", "", "0x224x224", "3x-32x32", "3x99999999999x2"})
    void rejectsTextThatIsNoShapeNamingTheTextAndTheForm(String text) {
        assertThatThrownBy(() -> Shape.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape '" + text + "': expected CxHxW (for example 3x32x32 or 1x28x28) or a single feature"
                        + " count, every dimension >= 1");
    }

    @Test
    void aFlatShapeHasNoChannels() {
        assertThatThrownBy(() -> Shape.flat(10).channels())
                .isInstanceOf(IllegalStateException.class).hasMessage("shape 10 is not a CxHxW feature map");
    }
}

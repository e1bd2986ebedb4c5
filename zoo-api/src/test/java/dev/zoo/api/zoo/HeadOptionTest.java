package dev.zoo.api.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Shape;
import org.junit.jupiter.api.Test;

class HeadOptionTest {

    @Test
    void autoIsSmallBelowSixtyFourPixelsOnEitherSide() {
        assertThat(HeadOption.AUTO.small(Shape.chw(3, 32, 32))).isTrue();
        assertThat(HeadOption.AUTO.small(Shape.chw(1, 28, 28))).isTrue();
        assertThat(HeadOption.AUTO.small(Shape.chw(3, 63, 224))).isTrue();
        assertThat(HeadOption.AUTO.small(Shape.chw(3, 64, 64))).isFalse();
        assertThat(HeadOption.AUTO.small(Shape.chw(3, 224, 224))).isFalse();
    }

    @Test
    void explicitChoicesIgnoreTheInput() {
        assertThat(HeadOption.IMAGENET.small(Shape.chw(3, 32, 32))).isFalse();
        assertThat(HeadOption.SMALL.small(Shape.chw(3, 224, 224))).isTrue();
    }
}

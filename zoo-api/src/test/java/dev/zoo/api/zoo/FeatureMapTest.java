package dev.zoo.api.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Pool;
import org.junit.jupiter.api.Test;

class FeatureMapTest {

    @Test
    void windowFollowsTheConvolutionArithmetic() {
        assertThat(new FeatureMap(224, 224).window(11, 4, 2)).isEqualTo(new FeatureMap(55, 55));
        assertThat(new FeatureMap(2, 2).window(3, 2, 0)).isEqualTo(new FeatureMap(0, 0));
    }

    @Test
    void adaptivePoolOnlyWhereItIsAnExactAveragePool() {
        assertThat(new FeatureMap(7, 7).adaptiveAverage("avgpool", 7)).isEmpty();
        assertThat(new FeatureMap(14, 14).adaptiveAverage("avgpool", 7)).contains(Pool.avg("avgpool", 2, 2));
        assertThat(new FeatureMap(8, 8).adaptiveAverage("avgpool", 7)).isEmpty();
        assertThat(new FeatureMap(14, 21).adaptiveAverage("avgpool", 7)).isEmpty();
    }
}

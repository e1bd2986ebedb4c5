package dev.zoo.api.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

class WeightLayersTest {

    @Test
    void projectionShortcutsAreNotCounted() {
        assertThat(WeightLayers.depth(ModelZoo.build("resnet50", ZooOptions.defaults()))).isEqualTo(50);
        assertThat(WeightLayers.depth(ModelZoo.build("resnet50", ZooOptions.defaults()))).isEqualTo(
                (int) ModelZoo.build("resnet50", ZooOptions.defaults()).nodes().stream()
                        .filter(n -> n.layer() instanceof dev.zoo.api.spec.Conv2d
                                || n.layer() instanceof dev.zoo.api.spec.Dense)
                        .count() - 4);
    }
}

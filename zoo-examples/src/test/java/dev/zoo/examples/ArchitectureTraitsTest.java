package dev.zoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

/** The lesson's design ideas, counted in the zoo's specs. */
class ArchitectureTraitsTest {

    private static ArchitectureTraits imagenet(String name) {
        return ArchitectureTraits.of(ModelZoo.build(name, ZooOptions.of(Shape.chw(3, 224, 224), 1000)));
    }

    @Test
    void alexnetHasReluDropoutAndOverlappingPools() {
        // 5 conv + 2 hidden dense layers with ReLU; dropout before fc6 and fc7; three 3x3/2 max-pools
        assertThat(imagenet("alexnet")).isEqualTo(new ArchitectureTraits(7, 2, 3, 5, 3, 0, 0, 0));
    }

    @Test
    void vggIsOnly3x3Convolutions() {
        ArchitectureTraits t = imagenet("vgg16");
        assertThat(t.convs()).isEqualTo(13);
        assertThat(t.convs3x3()).isEqualTo(13);
        assertThat(t.overlappingPools()).isZero();
        assertThat(t.residualBlocks()).isZero();
    }

    @Test
    void resnetHasBatchNormAndOneSkipPerBlock() {
        ArchitectureTraits t = imagenet("resnet18");
        assertThat(t.residualBlocks()).isEqualTo(8);
        // 17 convolutions on the main path plus 3 projection shortcuts, each followed by batch norm
        assertThat(t.convs()).isEqualTo(20);
        assertThat(t.batchNorms()).isEqualTo(20);
        // the 3x3/2 max-pool of the stem overlaps
        assertThat(t.overlappingPools()).isEqualTo(1);
    }

    @Test
    void plainTwinHasNoSkipConnections() {
        ArchitectureTraits plain = ArchitectureTraits.of(ModelZoo.build("plain20", ZooOptions.of(Shape.chw(3, 32, 32), 10)));
        ArchitectureTraits residual = ArchitectureTraits.of(ModelZoo.build("resnet20", ZooOptions.of(Shape.chw(3, 32, 32), 10)));
        assertThat(plain.residualBlocks()).isZero();
        assertThat(residual.residualBlocks()).isEqualTo(9);
        assertThat(plain.convs()).isEqualTo(residual.convs()).isEqualTo(19);
        assertThat(plain.relus()).isEqualTo(residual.relus());
    }
}

package dev.zoo.api.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Shortcut;
import org.junit.jupiter.api.Test;

class ResNetTest {

    private static final Architecture RESNET50 = ModelZoo.build("resnet50", Shape.chw(3, 224, 224), 1000);

    @Test
    void bottleneckStridesOnItsThreeByThreeAsTorchvisionV15() {
        Conv2d reduce = (Conv2d) RESNET50.node("stage2.block1.conv1").layer();
        Conv2d spatial = (Conv2d) RESNET50.node("stage2.block1.conv2").layer();
        assertThat(reduce.kernel()).isEqualTo(1);
        assertThat(reduce.stride()).isEqualTo(1);
        assertThat(spatial.kernel()).isEqualTo(3);
        assertThat(spatial.stride()).isEqualTo(2);
    }

    @Test
    void projectionWhereChannelsChangeEvenWithoutStride() {
        Residual first = (Residual) RESNET50.node("stage1.block1").layer();
        Residual second = (Residual) RESNET50.node("stage1.block2").layer();
        assertThat(first.shortcut()).isInstanceOf(Shortcut.Projection.class);
        assertThat(RESNET50.node("stage1.block1.shortcut.conv").output()).isEqualTo(Shape.chw(256, 56, 56));
        assertThat(second.shortcut()).isInstanceOf(Shortcut.Identity.class);
    }

    @Test
    void optionAPadsWithZerosWhereShapesChange() {
        Architecture a = ModelZoo.build("resnet20", ZooOptions.defaults());
        assertThat(((Residual) a.node("stage3.block1").layer()).shortcut()).isEqualTo(new Shortcut.ZeroPad(2, 64));
        assertThat(((Residual) a.node("stage3.block2").layer()).shortcut()).isEqualTo(Shortcut.identity());
    }

    @Test
    void plainTwinHasTheSameNodesWithoutResiduals() {
        Architecture plain = ModelZoo.build("plain20", ZooOptions.defaults());
        assertThat(plain.nodes()).noneMatch(n -> n.layer() instanceof Residual);
        assertThat(plain.node("stage2.block1").layer()).isInstanceOf(Sequential.class);
        assertThat(plain.node("stage2.block1.relu").output()).isEqualTo(Shape.chw(32, 16, 16));
    }
}

package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Impossible networks are rejected when built, naming the node's path, the rule and the numbers. */
class ShapeInferenceTest {

    private static Architecture net(Shape input, int classes, Layer... layers) {
        return new Architecture("net", "", input, classes, Sequential.of("net", layers));
    }

    @Test
    void kernelLargerThanItsInput() {
        assertThatThrownBy(() -> net(Shape.chw(3, 8, 8), 10,
                Sequential.of("stage3", Conv2d.of("conv1", 8, 3, 2, 0), Conv2d.of("conv2", 8, 5, 1, 0)),
                GlobalPool.avg("pool"), Dense.of("fc", 10)))
                .isInstanceOf(SpecException.class)
                .hasMessage("stage3.conv2: kernel 5 with padding 0 shrinks 3x3 input below 1x1")
                .extracting(e -> ((SpecException) e).path()).isEqualTo("stage3.conv2");
    }

    @Test
    void poolWindowLargerThanItsInput() {
        assertThatThrownBy(() -> net(Shape.chw(1, 2, 2), 10, Pool.max("pool", 3, 2), new Flatten("flat"),
                Dense.of("fc", 10)))
                .isInstanceOf(SpecException.class)
                .hasMessage("pool: pool window 3 with padding 0 shrinks 2x2 input below 1x1");
    }

    @Test
    void denseBeforeAnyFlatten() {
        assertThatThrownBy(() -> net(Shape.chw(3, 8, 8), 10, Conv2d.of("conv", 16, 3, 1, 1),
                Sequential.of("head", Dense.of("fc", 10))))
                .isInstanceOf(SpecException.class)
                .hasMessage("head.fc: Dense needs a flat input but gets 16x8x8; put a Flatten or a GlobalPool before it");
    }

    @Test
    void convolutionOnAFlatInput() {
        assertThatThrownBy(() -> net(Shape.flat(784), 10, Conv2d.of("conv", 16, 3, 1, 1), new Flatten("flat"),
                Dense.of("fc", 10)))
                .isInstanceOf(SpecException.class)
                .hasMessage("conv: Conv2d needs a CxHxW feature map but gets flat input 784");
    }

    @Test
    void residualBranchesThatDisagreeInShape() {
        Residual block = new Residual("block1",
                Sequential.of("body", new Conv2d("conv1", 32, 3, 2, 1, false), BatchNorm.of("bn1")),
                Shortcut.identity(), ActivationKind.RELU);
        assertThatThrownBy(() -> net(Shape.chw(16, 8, 8), 10, Sequential.of("stage2", block), GlobalPool.avg("pool"),
                Dense.of("fc", 10)))
                .isInstanceOf(SpecException.class)
                .hasMessage("stage2.block1: residual branches must agree in shape to be added: body gives 32x4x4"
                        + " but the identity shortcut gives 16x8x8");
    }

    @Test
    void zeroPadShortcutCannotDropChannels() {
        Residual block = new Residual("block1", Sequential.of("body", new Conv2d("conv1", 8, 3, 1, 1, false)),
                new Shortcut.ZeroPad(1, 8), ActivationKind.RELU);
        assertThatThrownBy(() -> net(Shape.chw(16, 8, 8), 10, block, GlobalPool.avg("pool"), Dense.of("fc", 10)))
                .isInstanceOf(SpecException.class)
                .hasMessage("block1.shortcut: zero-pad shortcut cannot shrink channels: 16 in, 8 out");
    }

    @Test
    void networkThatDoesNotEndInTheClassLogits() {
        assertThatThrownBy(() -> net(Shape.chw(3, 8, 8), 10, new Flatten("flat"), Dense.of("fc", 100)))
                .isInstanceOf(SpecException.class)
                .hasMessage("net: the network must end in 10 logits (flat 10) but gives 100");
    }

    @Test
    void projectionShortcutNodesLiveUnderTheResidual() {
        Residual block = new Residual("block1", Sequential.of("body", new Conv2d("conv1", 32, 3, 2, 1, false)),
                new Shortcut.Projection(Sequential.of("shortcut", new Conv2d("conv", 32, 1, 2, 0, false))),
                ActivationKind.RELU);
        Architecture a = net(Shape.chw(16, 8, 8), 10, block, GlobalPool.avg("pool"), Dense.of("fc", 10));
        assertThat(a.node("block1.shortcut.conv").output()).isEqualTo(Shape.chw(32, 4, 4));
        assertThat(a.node("block1").output()).isEqualTo(Shape.chw(32, 4, 4));
        assertThat(a.parameters()).extracting(ParameterSpec::name)
                .containsExactly("block1.conv1.weight", "block1.shortcut.conv.weight", "fc.weight", "fc.bias");
    }
}

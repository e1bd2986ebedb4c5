package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

class SmallestInputTest {

    @Test
    void findsTheEdgeWorkedOutByHand() {
        // conv 3x3 valid, pool 2, conv 3x3 valid, pool 2: 10 -> 8 -> 4 -> 2 -> 1, while 9 -> 7 -> 3 -> 1 -> 0
        assertThat(SmallestInput.of("lesson_cnn", ZooOptions.of(Shape.chw(3, 8, 8), 10)))
                .contains(Shape.chw(3, 10, 10));
        // torchvision's AlexNet features: 63 -> 15 -> 7 -> 7 -> 3 -> 3 -> 1, while 62 ends in a 0x0 pool5
        assertThat(SmallestInput.of("alexnet", ZooOptions.of(Shape.chw(1, 32, 32), 10).withHead(HeadOption.IMAGENET)))
                .contains(Shape.chw(1, 63, 63));
    }
}

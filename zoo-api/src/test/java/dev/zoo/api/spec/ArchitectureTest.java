package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void zeroClasses() {
        assertThatThrownBy(() -> new Architecture("net", "", Shape.chw(1, 4, 4), 0,
                Sequential.of("net", new Flatten("flat"), Dense.of("fc", 1))))
                .isInstanceOf(SpecException.class).hasMessage("net: classes must be >= 1, got 0");
    }

    @Test
    void unknownNodePath() {
        Architecture a = new Architecture("net", "", Shape.chw(1, 4, 4), 2,
                Sequential.of("net", new Flatten("flat"), Dense.of("fc", 2)));
        assertThatThrownBy(() -> a.node("fc2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("architecture net: no node at path 'fc2'");
    }
}

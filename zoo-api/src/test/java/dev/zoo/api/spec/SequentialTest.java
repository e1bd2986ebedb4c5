package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequentialTest {

    @Test
    void duplicateChildNames() {
        assertThatThrownBy(() -> Sequential.of("stage1", Conv2d.of("conv", 16, 3, 1, 1), Conv2d.of("conv", 16, 3, 1, 1)))
                .isInstanceOf(SpecException.class)
                .hasMessage("stage1: child names must be unique, 'conv' appears twice");
    }

    @Test
    void empty() {
        assertThatThrownBy(() -> Sequential.of("stage1"))
                .isInstanceOf(SpecException.class).hasMessage("stage1: a Sequential needs at least one layer, got none");
    }
}

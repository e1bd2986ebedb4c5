package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Conv2dTest {

    @Test
    void zeroFilters() {
        assertThatThrownBy(() -> Conv2d.of("conv1", 0, 3, 1, 1))
                .isInstanceOf(SpecException.class).hasMessage("conv1: filters must be >= 1, got 0");
    }

    @Test
    void negativePadding() {
        assertThatThrownBy(() -> Conv2d.of("conv1", 16, 3, 1, -1))
                .isInstanceOf(SpecException.class).hasMessage("conv1: padding must be >= 0, got -1");
    }

    @Test
    void dotInName() {
        assertThatThrownBy(() -> Conv2d.of("stage1.conv1", 16, 3, 1, 1))
                .isInstanceOf(SpecException.class).hasMessageContaining("no dots").hasMessageContaining("'stage1.conv1'");
    }
}

package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolTest {

    @Test
    void paddingMoreThanHalfTheKernel() {
        assertThatThrownBy(() -> new Pool("pool", PoolType.MAX, 3, 2, 2))
                .isInstanceOf(SpecException.class).hasMessage("pool: padding 2 must be at most half the kernel 3");
    }
}

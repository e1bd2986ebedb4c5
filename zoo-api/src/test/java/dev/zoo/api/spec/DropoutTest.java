package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void rateOfOneOrMore() {
        assertThatThrownBy(() -> new Dropout("drop1", 1.0))
                .isInstanceOf(SpecException.class).hasMessage("drop1: dropout rate must be in [0, 1), got 1.0");
    }

    @Test
    void nanRate() {
        assertThatThrownBy(() -> new Dropout("drop1", Double.NaN))
                .isInstanceOf(SpecException.class).hasMessage("drop1: dropout rate must be in [0, 1), got NaN");
    }
}

package dev.zoo.api.spec;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResidualTest {

    @Test
    void bodyLayerMayNotTakeTheShortcutsName() {
        assertThatThrownBy(() -> new Residual("block1", Sequential.of("body", Conv2d.of("shortcut", 8, 3, 1, 1)),
                Shortcut.identity(), ActivationKind.RELU))
                .isInstanceOf(SpecException.class)
                .hasMessage("block1.shortcut: a body layer may not be named 'shortcut': that path belongs to the shortcut");
    }
}

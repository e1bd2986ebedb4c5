package dev.zoo.dl4j;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link Dl4jAgreesWithPytorchTest} on DL4J's own Java layers ({@code -Dzoo.dl4j.onednn=false}),
 * the path a user falls back to when the native helpers are turned off.
 */
class BuiltInLayersAgreeWithPytorchTest extends Dl4jAgreesWithPytorchTest {

    @BeforeAll
    static void builtInLayers() {
        System.setProperty(LayerHelpers.PROPERTY, "false");
    }

    @AfterAll
    static void nativeHelpersAgain() {
        System.clearProperty(LayerHelpers.PROPERTY);
    }
}

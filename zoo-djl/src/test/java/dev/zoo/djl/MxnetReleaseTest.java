package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An array let go of mid-computation: released at once, what was computed from it intact, and its
 * manager still closes cleanly (it finds the array released).
 */
class MxnetReleaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void aReleasedArrayIsGoneAndWhatWasComputedFromItStays(String engine) {
        System.setProperty("ai.djl.offline", "true");
        NDManager manager = NDManager.newBaseManager(Device.cpu(), engine);
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {1, 2, 3});
            NDArray doubled = x.mul(2);
            MxnetRelease.release(x);
            assertThat(x.isReleased()).isTrue();
            assertThat(doubled.add(1).toFloatArray()).containsExactly(3, 5, 7);
        }
        manager.close();
        assertThat(manager.isOpen()).isFalse();
    }
}

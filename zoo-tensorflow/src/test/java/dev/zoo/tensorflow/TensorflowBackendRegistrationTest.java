package dev.zoo.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/** How a user reaches the backend: by id through the service loader, and with a device that exists. */
class TensorflowBackendRegistrationTest {

    @Test
    void foundByIdWithOnlyZooApiAndThisModule() {
        assertThat(Backends.get("tensorflow")).isInstanceOf(TensorflowBackend.class);
        assertThat(Backends.get("tensorflow").description()).startsWith("TensorFlow Java on TensorFlow 2.18");
    }

    @Test
    void gpuIsRefusedInOneLineWhereTensorFlowSeesNone() {
        org.junit.jupiter.api.Assumptions.assumeFalse(DeviceChoice.gpuVisible(), "this machine has a GPU");
        assertThatThrownBy(() -> new TensorflowBackend().compile(ModelZoo.build("lesson_cnn",
                dev.zoo.api.spec.Shape.chw(1, 28, 28), 10), NetworkOptions.defaults().withDevice(Device.GPU)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tensorflow: device gpu was asked for but TensorFlow sees no GPU")
                .hasMessageContaining("linux-x86_64-gpu").hasMessageNotContaining("\n");
    }
}

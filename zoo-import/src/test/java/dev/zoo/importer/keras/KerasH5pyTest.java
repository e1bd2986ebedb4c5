package dev.zoo.importer.keras;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Shape;
import dev.zoo.importer.DebianPython;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras 2 full-model {@code .h5} written by h5py (the HDF5 library Keras itself writes with), config
 * in its {@code model_config} attribute and weights under {@code model_weights/}, imports to a network
 * that gives the logits numpy computed from the same weights in Keras' layout.
 */
class KerasH5pyTest {

    @TempDir
    Path dir;

    @Test
    void anH5pyWrittenModelGivesNumpysLogits() throws Exception {
        DebianPython.assumeModules("h5py, numpy", "python3-h5py python3-numpy");
        DebianPython.runScript(KerasH5pyTest.class, "keras_h5.py", dir, List.of());
        KerasImport.Result r = KerasImport.load(dir.resolve("tiny.h5"), null);
        assertThat(r.architecture().input()).isEqualTo(Shape.chw(2, 5, 5));
        float[] nhwc = DebianPython.floats(dir.resolve("tiny.input.f32"));
        float[] expected = DebianPython.floats(dir.resolve("tiny.logits.f32"));
        float[] nchw = new float[nhwc.length];
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 5; h++) {
                for (int w = 0; w < 5; w++) {
                    for (int c = 0; c < 2; c++) {
                        nchw[((b * 2 + c) * 5 + h) * 5 + w] = nhwc[((b * 5 + h) * 5 + w) * 2 + c];
                    }
                }
            }
        }
        float[] actual;
        try (Network network = Backends.get("djl-pytorch").compile(r.architecture(), NetworkOptions.defaults())) {
            network.importWeights(r.weights().orElseThrow());
            actual = network.predict(new Batch(nchw, new int[2], 2, r.architecture().input()));
        }
        assertThat(expected).hasSize(8);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("logit %d", i).isCloseTo(expected[i],
                    Offset.offset(1e-5 + 1e-3 * Math.abs(expected[i])));
        }
    }
}

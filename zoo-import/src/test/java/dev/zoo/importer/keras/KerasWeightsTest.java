package dev.zoo.importer.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import dev.zoo.importer.ImportException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras weights written in Keras' HDF5 layouts (with jHDF's writer) load with the right layouts: the
 * imported network, run on the zoo's PyTorch backend, gives the logits computed here by hand in
 * Keras' own layout (NHWC activations, HWIO kernels, [in, out] dense kernels, flatten in H, W, C
 * order). The network: Conv2D(3, 3x3, ReLU) on 5x5x2, BatchNormalization, Flatten, a batch norm on
 * the 27 flat features, Dense(4).
 */
class KerasWeightsTest {

    private static final String CONFIG = """
            {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
              {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 5, 5, 2], "name": "input"}},
              {"class_name": "Conv2D", "config": {"name": "conv", "filters": 3, "kernel_size": [3, 3], "strides": [1, 1],
                "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "groups": 1,
                "activation": "relu", "use_bias": true}},
              {"class_name": "BatchNormalization", "config": {"name": "bn", "axis": [3], "momentum": 0.99,
                "epsilon": 0.001, "center": true, "scale": true}},
              {"class_name": "Flatten", "config": {"name": "flatten", "data_format": "channels_last"}},
              {"class_name": "BatchNormalization", "config": {"name": "bn_flat", "axis": -1, "momentum": 0.99,
                "epsilon": 0.001, "center": true, "scale": true}},
              {"class_name": "Dense", "config": {"name": "dense", "units": 4, "activation": "softmax", "use_bias": true}}
            ]}, "keras_version": "2.12.0", "backend": "tensorflow"}
            """;
    private static final double EPS = 0.001;

    @TempDir
    Path dir;

    private final Random random = new Random(20240612);
    private final float[][][][] kernel = new float[3][3][2][3];
    private final float[] bias = values(3, 0);
    private final float[][] bn = {values(3, 0.5f), values(3, 0), values(3, 0), values(3, 0.5f)};
    private final float[][] bnFlat = {values(27, 0.5f), values(27, 0), values(27, 0), values(27, 0.5f)};
    private final float[][] dense = new float[27][4];
    private final float[] denseBias = values(4, 0);

    KerasWeightsTest() {
        for (float[][][] a : kernel) {
            for (float[][] b : a) {
                for (float[] c : b) {
                    fill(c);
                }
            }
        }
        for (float[] row : dense) {
            fill(row);
        }
    }

    private void fill(float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
    }

    /** Gaussian values, or uniform in [base, base + 1) when base > 0 (scales and variances). */
    private float[] values(int n, float base) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = base > 0 ? base + random.nextFloat() : (float) random.nextGaussian() * 0.3f;
        }
        return v;
    }

    /** Keras 2: {@code model_weights/<layer>/<layer>/kernel:0} (or at the root for save_weights). */
    private Path keras2(boolean underModelWeights) {
        Path file = dir.resolve(underModelWeights ? "model.h5" : "tiny.weights.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup root = underModelWeights ? hdf.putGroup("model_weights") : hdf;
            WritableGroup conv = root.putGroup("conv").putGroup("conv");
            conv.putDataset("kernel:0", kernel);
            conv.putDataset("bias:0", bias);
            batchNorm(root.putGroup("bn").putGroup("bn"), bn);
            batchNorm(root.putGroup("bn_flat").putGroup("bn_flat"), bnFlat);
            root.putGroup("flatten");
            WritableGroup d = root.putGroup("dense").putGroup("dense");
            d.putDataset("kernel:0", dense);
            d.putDataset("bias:0", denseBias);
        }
        return file;
    }

    private static void batchNorm(WritableGroup g, float[][] v) {
        g.putDataset("gamma:0", v[0]);
        g.putDataset("beta:0", v[1]);
        g.putDataset("moving_mean:0", v[2]);
        g.putDataset("moving_variance:0", v[3]);
    }

    /** Keras 3: {@code layers/<layer>/vars/0, 1, ...}. */
    private Path keras3() {
        Path file = dir.resolve("keras3.weights.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup layers = hdf.putGroup("layers");
            WritableGroup conv = layers.putGroup("conv").putGroup("vars");
            conv.putDataset("0", kernel);
            conv.putDataset("1", bias);
            for (String name : new String[] {"bn", "bn_flat"}) {
                WritableGroup vars = layers.putGroup(name).putGroup("vars");
                float[][] v = name.equals("bn") ? bn : bnFlat;
                for (int i = 0; i < 4; i++) {
                    vars.putDataset(Integer.toString(i), v[i]);
                }
            }
            WritableGroup d = layers.putGroup("dense").putGroup("vars");
            d.putDataset("0", dense);
            d.putDataset("1", denseBias);
        }
        return file;
    }

    /** The logits computed in Keras' layout, for one NHWC example. */
    private float[] kerasLogits(float[][][] x) {
        float[] flat = new float[27];
        for (int h = 0; h < 3; h++) {
            for (int w = 0; w < 3; w++) {
                for (int o = 0; o < 3; o++) {
                    double y = bias[o];
                    for (int kh = 0; kh < 3; kh++) {
                        for (int kw = 0; kw < 3; kw++) {
                            for (int i = 0; i < 2; i++) {
                                y += kernel[kh][kw][i][o] * x[h + kh][w + kw][i];
                            }
                        }
                    }
                    y = Math.max(y, 0);
                    flat[(h * 3 + w) * 3 + o] = (float) normalise(y, bn, o);
                }
            }
        }
        float[] logits = new float[4];
        for (int u = 0; u < 4; u++) {
            double z = denseBias[u];
            for (int j = 0; j < 27; j++) {
                z += normalise(flat[j], bnFlat, j) * dense[j][u];
            }
            logits[u] = (float) z;
        }
        return logits;
    }

    private static double normalise(double y, float[][] p, int i) {
        return (y - p[2][i]) / Math.sqrt(p[3][i] + EPS) * p[0][i] + p[1][i];
    }

    private Path config() throws IOException {
        return Files.writeString(dir.resolve("tiny.json"), CONFIG);
    }

    private void assertLogitsMatch(Weights weights, KerasImport.Result r) {
        int n = 2;
        float[][][][] x = new float[n][5][5][2];
        float[] nchw = new float[n * 2 * 5 * 5];
        for (int b = 0; b < n; b++) {
            for (int h = 0; h < 5; h++) {
                for (int w = 0; w < 5; w++) {
                    for (int c = 0; c < 2; c++) {
                        x[b][h][w][c] = (float) random.nextGaussian();
                        nchw[((b * 2 + c) * 5 + h) * 5 + w] = x[b][h][w][c];
                    }
                }
            }
        }
        float[] actual;
        try (Network network = Backends.get("djl-pytorch").compile(r.architecture(), NetworkOptions.defaults())) {
            network.importWeights(weights);
            actual = network.predict(new Batch(nchw, new int[n], n, r.architecture().input()));
        }
        for (int b = 0; b < n; b++) {
            float[] expected = kerasLogits(x[b]);
            for (int u = 0; u < 4; u++) {
                assertThat((double) actual[b * 4 + u]).as("example %d logit %d", b, u)
                        .isCloseTo(expected[u], Offset.offset(1e-5 + 1e-3 * Math.abs(expected[u])));
            }
        }
    }

    @Test
    void keras2WeightsGiveTheLogitsComputedInKerasLayout() throws IOException {
        Path out = dir.resolve("tiny.safetensors");
        KerasImport.Result r = KerasImport.convert(config(), keras2(false), dir.resolve("tiny.arch.json"), out);
        assertThat(r.weights()).isPresent();
        assertLogitsMatch(SafeTensors.read(out), r);
    }

    @Test
    void keras2FullModelLayoutUnderModelWeightsLoadsToo() throws IOException {
        KerasImport.Result r = KerasImport.load(config(), keras2(true));
        assertLogitsMatch(r.weights().orElseThrow(), r);
    }

    @Test
    void keras3WeightsGiveTheSameLogits() throws IOException {
        KerasImport.Result r = KerasImport.load(config(), keras3());
        assertLogitsMatch(r.weights().orElseThrow(), r);
        assertThat(r.weights()).isEqualTo(KerasImport.load(config(), keras2(false)).weights());
    }

    @Test
    void aKerasFileCarriesItsOwnConfigAndWeights() throws IOException {
        Path keras = dir.resolve("tiny.keras");
        byte[] weights = Files.readAllBytes(keras3());
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(keras))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("metadata.json"));
            zip.write("{\"keras_version\": \"3.3.3\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("config.json"));
            zip.write(CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.putNextEntry(new java.util.zip.ZipEntry("model.weights.h5"));
            zip.write(weights);
        }
        KerasImport.Result r = KerasImport.load(keras, null);
        assertThat(r.weights()).isEqualTo(KerasImport.load(config(), keras2(false)).weights());
        assertLogitsMatch(r.weights().orElseThrow(), r);
    }

    @Test
    void aLayerMissingFromTheWeightsIsNamedAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("partial.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup conv = hdf.putGroup("conv").putGroup("conv");
            conv.putDataset("kernel:0", kernel);
            conv.putDataset("bias:0", bias);
        }
        Path arch = dir.resolve("never.json");
        Path out = dir.resolve("never.safetensors");
        assertThatThrownBy(() -> KerasImport.convert(config(), file, arch, out)).isInstanceOf(ImportException.class)
                .hasMessage(file + ": no weights for layer 'bn' (no group /bn)");
        assertThat(arch).doesNotExist();
        assertThat(out).doesNotExist();
    }
}

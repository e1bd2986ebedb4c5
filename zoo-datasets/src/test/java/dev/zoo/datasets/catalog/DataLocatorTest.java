package dev.zoo.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {

    @TempDir
    Path tmp;

    private void touch(Path dir, String... names) throws Exception {
        Files.createDirectories(dir);
        for (String n : names) {
            Files.write(dir.resolve(n), new byte[0]);
        }
    }

    private static final String[] CIFAR10 = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
        "data_batch_5.bin", "test_batch.bin"};

    @Test
    void searchesDataDirThenEnvThenCacheThenSystemAndTakesTheFirstComplete() throws Exception {
        touch(tmp.resolve("env/cifar-10-batches-bin"), CIFAR10);
        touch(tmp.resolve("cache/cifar10"), CIFAR10);
        DataLocator.Roots roots = new DataLocator.Roots(tmp.resolve("mine"), tmp.resolve("env"), tmp.resolve("cache"),
                tmp.resolve("sys"));

        DataLocator.Result r = DataLocator.locate(CifarDataset.CIFAR10, roots);

        assertThat(r.probes()).extracting(DataLocator.Probe::source).containsExactly("--data-dir", "--data-dir",
                "--data-dir", "ZOO_DATA", "ZOO_DATA", "ZOO_DATA", "zoo cache", "zoo cache", "system datasets",
                "system datasets");
        assertThat(r.found().orElseThrow().dir()).isEqualTo(tmp.resolve("env/cifar-10-batches-bin"));
    }

    @Test
    void saysWhatEachPlaceLacks() throws Exception {
        touch(tmp.resolve("cache/mnist"), "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte");
        DataLocator.Result r = DataLocator.locate(IdxDataset.MNIST, new DataLocator.Roots(null, null, tmp.resolve("cache"), null));
        assertThat(r.found()).isEmpty();
        assertThat(r.describe()).isEqualTo("  " + tmp.resolve("cache/mnist") + " (zoo cache): missing t10k-labels-idx1-ubyte[.gz]");

        touch(tmp.resolve("cache/mnist"), "t10k-labels-idx1-ubyte.gz");
        assertThat(DataLocator.locate(IdxDataset.MNIST, new DataLocator.Roots(null, null, tmp.resolve("cache"), null)).found())
                .isPresent();
    }

    @Test
    void aDataDirMayHoldTheFilesDirectly() throws Exception {
        touch(tmp.resolve("mine"), "train.bin", "test.bin");
        assertThat(DataLocator.locate(CifarDataset.CIFAR100, new DataLocator.Roots(tmp.resolve("mine"), null, null, null))
                .found().orElseThrow().dir()).isEqualTo(tmp.resolve("mine"));
    }
}

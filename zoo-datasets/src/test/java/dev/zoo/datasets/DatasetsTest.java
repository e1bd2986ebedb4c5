package dev.zoo.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.ChecksumException;
import dev.zoo.datasets.error.DatasetNotFoundException;
import dev.zoo.datasets.fetch.Md5;
import dev.zoo.datasets.error.FileSizeException;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.testdata.DatasetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path tmp;

    /** Options that search only the test's own folders. */
    private DataOptions isolated() {
        return DataOptions.defaults().envDataDir(null).cacheDir(tmp.resolve("cache")).systemDataDir(tmp.resolve("system"))
                .download(false);
    }

    @Test
    void opensCifar10FromFilesInThePublishedLayout() {
        DatasetFiles.writeCifar10Layout(tmp.resolve("data/cifar-10-batches-bin"));
        Dataset ds = Datasets.open("cifar10", isolated().dataDir(tmp.resolve("data")).seed(42).augment(true).normalize(false));

        assertThat(ds.location()).isEqualTo(tmp.resolve("data/cifar-10-batches-bin"));
        assertThat(ds.train().size()).isEqualTo(50_000);
        assertThat(ds.test().size()).isEqualTo(10_000);
        assertThat(ds.classNames()).hasSize(10).startsWith("airplane", "automobile").endsWith("truck");
        assertThat(ds.itemShape()).isEqualTo(Shape.chw(3, 32, 32));
        try (BatchIterator it = ds.test().batches(0, 100, 0)) {
            Batch first = it.next();
            assertThat(first.labels()[0]).isEqualTo(DatasetFiles.label(0, 10));
            assertThat(first.images()[5] * 255f).isCloseTo(DatasetFiles.pixel(0, 5), within(1e-3f));
        }
        try (BatchIterator it = ds.train().batches(0, 100, 100)) {
            assertThat(it.next().labels()).hasSize(100);
        }
    }

    @Test
    void opensCifar100WithFineOrCoarseLabelsAndNames() {
        DatasetFiles.writeCifar100Layout(tmp.resolve("cache/cifar100"));
        Dataset fine = Datasets.open("cifar100", isolated().limit(1000));
        Dataset coarse = Datasets.open("cifar100", isolated().limit(1000).cifar100Labels(Cifar100Labels.COARSE));

        assertThat(fine.classNames()).hasSize(100).contains("apple", "maple_tree", "worm");
        assertThat(coarse.classNames()).hasSize(20).contains("aquatic_mammals", "vehicles_2");
        assertThat(fine.train().size()).isEqualTo(1000);
        assertThat(fine.normalization().mean()).containsExactly(0.5071, 0.4865, 0.4409);
        int[] fineLabels = labelsInFileOrder(fine);
        int[] coarseLabels = labelsInFileOrder(coarse);
        assertThat(fineLabels[37]).isEqualTo(DatasetFiles.label(37, 100));
        assertThat(coarseLabels[37]).isEqualTo(DatasetFiles.label(37, 20));
    }

    private static int[] labelsInFileOrder(Dataset ds) {
        try (BatchIterator it = ds.test().batches(0, 1000, 0)) {
            return it.next().labels();
        }
    }

    @Test
    void opensMnistLayoutFilesPlainWithPaddingSubsetsAndAValidationSplit() {
        DatasetFiles.writeMnistLayout(tmp.resolve("data/mnist"), false);
        Dataset ds = Datasets.open("mnist", isolated().dataDir(tmp.resolve("data")).padTo(32).perClass(100)
                .validationFraction(0.2).seed(3).normalization(Normalization.COMPUTED));
        assertThat(ds.itemShape()).isEqualTo(Shape.chw(1, 32, 32));
        assertThat(ds.train().size() + ds.validation().size()).isEqualTo(1000);
        assertThat(ds.validation().size()).isEqualTo(200);
        assertThat(ds.test().size()).isEqualTo(1000);
        assertThat(ds.normalization().mean()[0]).isBetween(0.3, 0.7);
    }

    @Test
    void aCorruptFileFailsTheLoadNamingIt() {
        Path dir = tmp.resolve("data/cifar10");
        DatasetFiles.writeCifar10Layout(dir);
        DatasetFiles.resize(dir.resolve("data_batch_4.bin"), 30_730_000L - 3073);
        assertThatThrownBy(() -> Datasets.open("cifar10", isolated().dataDir(tmp.resolve("data"))))
                .isInstanceOf(FileSizeException.class).hasMessageContaining("data_batch_4.bin")
                .hasMessageContaining("expected 30730000 bytes, got 30726927 bytes");
    }

    @Test
    void notFoundOfflineGivesOneMessageSayingWhereToPutWhichFiles() throws Exception {
        Files.createDirectories(tmp.resolve("cache/mnist"));
        assertThatThrownBy(() -> Datasets.open("mnist", isolated().dataDir(tmp.resolve("mine"))))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("mnist: not found, and download is switched off")
                .hasMessageContaining(tmp.resolve("mine/mnist") + " (--data-dir): no such directory")
                .hasMessageContaining(tmp.resolve("cache/mnist") + " (zoo cache): missing train-images-idx3-ubyte[.gz]")
                .hasMessageContaining("t10k-labels-idx1-ubyte[.gz]")
                .hasMessageContaining("into " + tmp.resolve("cache/mnist"));
    }

    @Test
    void aCorruptDownloadFailsItsChecksumAndLeavesNoCacheFolder() throws Exception {
        Path mirror = tmp.resolve("mirror");
        DatasetFiles.writeMnistLayout(mirror, true);
        assertThatThrownBy(() -> Datasets.open("mnist", isolated().download(true).mirror(mirror.toUri())))
                .isInstanceOf(ChecksumException.class).hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("expected f68b3c2dcbeaaa9fbdd348bbdeb94873, got " + Md5.of(
                        mirror.resolve("train-images-idx3-ubyte.gz")));
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void aFailedDownloadEndsInTheNotFoundMessage() {
        assertThatThrownBy(() -> Datasets.open("fashion-mnist", isolated().download(true)
                .mirror(java.net.URI.create("http://127.0.0.1:1/"))))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("fashion-mnist: not found, and download failed")
                .hasMessageContaining("published at http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");
    }

    @Test
    void opensAnImageFolder() throws Exception {
        for (String cls : new String[] {"cat", "dog"}) {
            Path d = Files.createDirectories(tmp.resolve("pets/" + cls));
            for (int i = 0; i < 5; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(20, 10,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(0, 0, 0x102030 * (i + 1));
                javax.imageio.ImageIO.write(img, "png", d.resolve(i + ".png").toFile());
            }
        }
        Dataset ds = Datasets.open("folder:" + tmp.resolve("pets"), isolated().imageSize(16));
        assertThat(ds.classNames()).containsExactly("cat", "dog");
        assertThat(ds.itemShape()).isEqualTo(Shape.chw(3, 16, 16));
        assertThat(ds.train().size()).isEqualTo(8);
        assertThat(ds.test().size()).isEqualTo(2);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Datasets.open("imagenet", isolated()))
                .hasMessageContaining("dataset 'imagenet': unknown; known are fashion-mnist, mnist, cifar10, cifar100");
    }

    @Test
    void knownListsEachDatasetWithWhereItIsOrWhyNot() {
        DatasetFiles.writeCifar100Layout(tmp.resolve("system/cifar100"));
        var statuses = Datasets.known(isolated());
        assertThat(statuses).extracting(DatasetStatus::name).containsExactly("fashion-mnist", "mnist", "cifar10", "cifar100");
        DatasetStatus cifar100 = statuses.get(3);
        assertThat(cifar100.found()).isTrue();
        assertThat(cifar100.source()).isEqualTo("system datasets");
        assertThat(cifar100.sizeBytes()).isEqualTo(50_000L * 3074 + 10_000L * 3074);
        assertThat(statuses.get(2).found()).isFalse();
        assertThat(statuses.get(2).notFound()).contains("cifar-10-batches-bin");
        assertThat(statuses.get(0).classNames()).hasSize(10);
    }

    // --- the real Fashion-MNIST installed by `apt-get install dataset-fashion-mnist` ---

    private static final Path DEBIAN = DataOptions.SYSTEM_DATA_DIR.resolve("fashion-mnist");

    @Test
    void readsTheRealFashionMnist() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(DEBIAN),
                "needs apt-get install -y dataset-fashion-mnist (.ci/run installs it)");
        Dataset ds = Datasets.open("fashion-mnist", DataOptions.defaults().dataDir(null).envDataDir(null)
                .cacheDir(tmp.resolve("cache")).download(false).normalization(Normalization.COMPUTED).prefetch(0));

        assertThat(ds.location()).isEqualTo(DEBIAN);
        assertThat(ds.train().size()).isEqualTo(60_000);
        assertThat(ds.test().size()).isEqualTo(10_000);
        assertThat(ds.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot");
        assertThat(classCounts(ds.train(), 10)).containsOnly(6_000);
        assertThat(classCounts(ds.test(), 10)).containsOnly(1_000);
        // the published figures the PUBLISHED option uses agree with the real pixels
        assertThat(ds.normalization().mean()[0]).isCloseTo(0.2860, within(5e-4));
        assertThat(ds.normalization().std()[0]).isCloseTo(0.3530, within(5e-4));
    }

    private static int[] classCounts(dev.zoo.api.data.BatchSource source, int classes) {
        int[] counts = new int[classes];
        try (BatchIterator it = source.batches(0, 10_000, 0)) {
            it.forEachRemaining(b -> IntStream.of(b.labels()).forEach(l -> counts[l]++));
        }
        return counts;
    }

    @Test
    void twoOpensWithTheSameSeedServeTheSameBatchesBitForBit() {
        DatasetFiles.writeCifar10Layout(tmp.resolve("cache/cifar10"));
        DataOptions o = isolated().seed(7).augment(true).limit(2000);
        Dataset a = Datasets.open("cifar10", o);
        Dataset b = Datasets.open("cifar10", o);
        try (BatchIterator x = a.train().batches(2, 128, 0); BatchIterator y = b.train().batches(2, 128, 0)) {
            while (x.hasNext()) {
                Batch bx = x.next();
                Batch by = y.next();
                assertThat(bx.labels()).isEqualTo(by.labels());
                assertThat(Arrays.equals(bx.images(), by.images())).isTrue();
            }
            assertThat(y.hasNext()).isFalse();
        }
    }
}

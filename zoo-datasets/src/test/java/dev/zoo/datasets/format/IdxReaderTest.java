package dev.zoo.datasets.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.error.FileSizeException;
import dev.zoo.datasets.error.LabelOutOfRangeException;
import dev.zoo.datasets.error.MagicNumberException;
import dev.zoo.datasets.error.RecordCountException;
import dev.zoo.datasets.error.StillCompressedException;
import dev.zoo.datasets.testdata.DatasetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final Shape MNIST = Shape.chw(1, 28, 28);

    @TempDir
    Path dir;

    private Path images;
    private Path labels;

    private void write(String ext, int count) {
        images = dir.resolve("train-images-idx3-ubyte" + ext);
        labels = dir.resolve("train-labels-idx1-ubyte" + ext);
        DatasetFiles.writeIdxImages(images, count, 28, 28);
        DatasetFiles.writeIdxLabels(labels, count, 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void readsPlainAndGzippedFiles(String ext) throws Exception {
        write(ext, 50);
        if (ext.isEmpty()) {
            assertThat(Files.size(images)).isEqualTo(16 + 50 * 784);
            assertThat(Files.size(labels)).isEqualTo(8 + 50);
        }
        LabeledImages read = IdxReader.read(images, labels, 50, MNIST, 10);
        assertThat(read.count()).isEqualTo(50);
        assertThat(read.itemShape()).isEqualTo(MNIST);
        for (int r : new int[] {0, 17, 49}) {
            assertThat(read.label(r)).isEqualTo(DatasetFiles.label(r, 10));
            for (int i : new int[] {0, 27, 28, 783}) {
                assertThat(read.pixel(r, i)).isEqualTo(DatasetFiles.pixel(r, i));
            }
        }
    }

    @Test
    void aWrongMagicNumberIsNamed() {
        write("", 3);
        DatasetFiles.poke(images, 3, 0x01);
        assertThatThrownBy(() -> IdxReader.read(images, labels, 3, MNIST, 10)).isInstanceOf(MagicNumberException.class)
                .hasMessageContaining("header.magic").hasMessageContaining("expected 2051, got 2049");
        write("", 3);
        assertThatThrownBy(() -> IdxReader.read(labels, images, 3, MNIST, 10)).isInstanceOf(MagicNumberException.class)
                .hasMessageContaining("train-labels").hasMessageContaining("expected 2051, got 2049");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void aFileOneByteShortOrLongIsRejected(String ext) {
        write("", 4);
        Path plainImages = images;
        Path cut = dir.resolve("cut-images-idx3-ubyte");
        try {
            Files.copy(plainImages, cut);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        DatasetFiles.resize(cut, 16 + 4 * 784 - 1);
        Path shortFile = cut;
        if (!ext.isEmpty()) {
            shortFile = dir.resolve("cut-images-idx3-ubyte.gz");
            DatasetFiles.gzip(cut, shortFile);
        }
        Path s = shortFile;
        assertThatThrownBy(() -> IdxReader.read(s, labels, 4, MNIST, 10)).isInstanceOf(FileSizeException.class)
                .hasMessageContaining("offset 3151").hasMessageContaining("expected 3152 bytes, got 3151 bytes");

        Path longLabels = dir.resolve("long-labels-idx1-ubyte");
        DatasetFiles.writeIdxLabels(longLabels, 4, 10);
        DatasetFiles.resize(longLabels, 8 + 4 + 1);
        Path l = longLabels;
        if (!ext.isEmpty()) {
            l = dir.resolve("long-labels-idx1-ubyte.gz");
            DatasetFiles.gzip(longLabels, l);
        }
        Path ll = l;
        assertThatThrownBy(() -> IdxReader.read(plainImages, ll, 4, MNIST, 10)).isInstanceOf(FileSizeException.class)
                .hasMessageContaining("expected 12 bytes, got 13 bytes")
                .hasMessageContaining(ext.isEmpty() ? "length" : "decompressed length");
    }

    @Test
    void aHeaderCutShortIsNamedByField() throws Exception {
        write("", 2);
        DatasetFiles.resize(images, 10);
        assertThatThrownBy(() -> IdxReader.read(images, labels, 2, MNIST, 10)).isInstanceOf(FileSizeException.class)
                .hasMessageContaining("header.rows");
    }

    @Test
    void countsMustMatchThePublishedCountAndEachOther() {
        write("", 5);
        assertThatThrownBy(() -> IdxReader.read(images, labels, 6, MNIST, 10)).isInstanceOf(RecordCountException.class)
                .hasMessageContaining("header.count").hasMessageContaining("expected 6, got 5");
        DatasetFiles.writeIdxLabels(labels, 4, 10);
        assertThatThrownBy(() -> IdxReader.read(images, labels, -1, MNIST, 10)).isInstanceOf(RecordCountException.class)
                .hasMessageContaining("expected 5, got 4");
    }

    @Test
    void imageSizeMustMatchThePublishedSize() {
        images = dir.resolve("i");
        labels = dir.resolve("l");
        DatasetFiles.writeIdxImages(images, 2, 32, 28);
        DatasetFiles.writeIdxLabels(labels, 2, 10);
        assertThatThrownBy(() -> IdxReader.read(images, labels, 2, MNIST, 10)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("expected 28x28, got 32x28");
        assertThat(IdxReader.read(images, labels, 2, null, 10).itemShape()).isEqualTo(Shape.chw(1, 32, 28));
    }

    @Test
    void aLabelOutOfRangeNamesItsOffset() {
        write("", 5);
        DatasetFiles.poke(labels, 8 + 3, 10);
        assertThatThrownBy(() -> IdxReader.read(images, labels, 5, MNIST, 10)).isInstanceOf(LabelOutOfRangeException.class)
                .hasMessageContaining("offset 11 (label of example 3)").hasMessageContaining("expected 0..9, got 10");
    }

    @Test
    void aGzippedFileWithAPlainNameOrAPlainFileWithAGzNameIsNamed() throws Exception {
        write(".gz", 2);
        Path misnamed = dir.resolve("t10k-images-idx3-ubyte");
        Files.copy(images, misnamed);
        assertThatThrownBy(() -> IdxReader.read(misnamed, labels, 2, MNIST, 10)).isInstanceOf(StillCompressedException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte").hasMessageContaining("got gzip signature 1f 8b");

        write("", 2);
        Path fakeGz = dir.resolve("fake-images.gz");
        Files.copy(images, fakeGz);
        assertThatThrownBy(() -> IdxReader.read(fakeGz, labels, 2, MNIST, 10)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("fake-images.gz").hasMessageContaining("a .gz file must be gzip data");
    }
}

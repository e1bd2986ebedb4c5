package dev.zoo.datasets.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.datasets.error.FileSizeException;
import dev.zoo.datasets.error.LabelOutOfRangeException;
import dev.zoo.datasets.error.StillCompressedException;
import dev.zoo.datasets.testdata.DatasetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAFullSizeCifar10FileOfExactly30730000Bytes() throws Exception {
        Path file = dir.resolve("data_batch_1.bin");
        DatasetFiles.writeCifar(file, CifarLayout.CIFAR10, 10_000);
        assertThat(Files.size(file)).isEqualTo(30_730_000L);

        LabeledImages images = CifarReader.read(file, CifarLayout.CIFAR10, 0, 10_000);

        assertThat(images.count()).isEqualTo(10_000);
        assertThat(images.itemShape().toString()).isEqualTo("3x32x32");
        for (int r : new int[] {0, 1, 4321, 9999}) {
            assertThat(images.label(r)).isEqualTo(DatasetFiles.label(r, 10));
            for (int i : new int[] {0, 1, 1023, 1024, 2048, 3071}) {
                assertThat(images.pixel(r, i)).as("record %d value %d", r, i).isEqualTo(DatasetFiles.pixel(r, i));
            }
        }
    }

    @Test
    void oneByteShortOrLongBreaksTheExactSizeRule() {
        Path file = dir.resolve("test_batch.bin");
        DatasetFiles.writeCifar(file, CifarLayout.CIFAR10, 10_000);
        DatasetFiles.resize(file, 30_729_999L);
        assertThatThrownBy(() -> CifarReader.read(file, CifarLayout.CIFAR10, 0, 10_000))
                .isInstanceOf(FileSizeException.class)
                .hasMessageContaining("test_batch.bin").hasMessageContaining("expected 30730000 bytes, got 30729999 bytes");
        DatasetFiles.resize(file, 30_730_001L);
        assertThatThrownBy(() -> CifarReader.read(file, CifarLayout.CIFAR10, 0, 10_000))
                .isInstanceOf(FileSizeException.class).hasMessageContaining("got 30730001 bytes");
    }

    @Test
    void smallFilesAreReadWhenTheCountIsLeftOpenButMustHoldWholeRecords() {
        Path file = dir.resolve("small.bin");
        DatasetFiles.writeCifar(file, CifarLayout.CIFAR100, 7);
        LabeledImages fine = CifarReader.read(file, CifarLayout.CIFAR100, Cifar100Labels.FINE.labelField(), -1);
        LabeledImages coarse = CifarReader.read(file, CifarLayout.CIFAR100, Cifar100Labels.COARSE.labelField(), -1);
        assertThat(fine.count()).isEqualTo(7);
        assertThat(fine.label(6)).isEqualTo(DatasetFiles.label(6, 100));
        assertThat(coarse.label(6)).isEqualTo(DatasetFiles.label(6, 20));
        assertThat(fine.pixel(6, 3071)).isEqualTo(DatasetFiles.pixel(6, 3071));

        DatasetFiles.resize(file, 7 * 3074 - 1);
        assertThatThrownBy(() -> CifarReader.read(file, CifarLayout.CIFAR100, 1, -1))
                .isInstanceOf(FileSizeException.class).hasMessageContaining("3074-byte records");
    }

    @Test
    void aLabelOutOfRangeNamesTheOffsetFieldAndValue() {
        Path file = dir.resolve("train.bin");
        DatasetFiles.writeCifar(file, CifarLayout.CIFAR100, 5);
        DatasetFiles.poke(file, 3 * 3074 + 1, 100);
        assertThatThrownBy(() -> CifarReader.read(file, CifarLayout.CIFAR100, 1, 5))
                .isInstanceOf(LabelOutOfRangeException.class)
                .hasMessageContaining("offset 9223 (fine label of record 3)").hasMessageContaining("expected 0..99, got 100");

        DatasetFiles.writeCifar(file, CifarLayout.CIFAR100, 5);
        DatasetFiles.poke(file, 2 * 3074, 20);
        assertThatThrownBy(() -> CifarReader.read(file, CifarLayout.CIFAR100, 1, 5))
                .isInstanceOf(LabelOutOfRangeException.class)
                .hasMessageContaining("coarse label of record 2").hasMessageContaining("expected 0..19, got 20");

        Path cifar10 = dir.resolve("data_batch_2.bin");
        DatasetFiles.writeCifar(cifar10, CifarLayout.CIFAR10, 3);
        DatasetFiles.poke(cifar10, 3073, 10);
        assertThatThrownBy(() -> CifarReader.read(cifar10, CifarLayout.CIFAR10, 0, 3))
                .isInstanceOf(LabelOutOfRangeException.class).hasMessageContaining("offset 3073");
    }

    @Test
    void aStillGzippedFileIsNamedAsSuch() {
        Path plain = dir.resolve("plain.bin");
        DatasetFiles.writeCifar(plain, CifarLayout.CIFAR10, 2);
        Path gz = dir.resolve("data_batch_3.bin");
        DatasetFiles.gzip(plain, gz);
        assertThatThrownBy(() -> CifarReader.read(gz, CifarLayout.CIFAR10, 0, 2))
                .isInstanceOf(StillCompressedException.class)
                .hasMessageContaining("data_batch_3.bin").hasMessageContaining("gzip signature 1f 8b");
    }
}

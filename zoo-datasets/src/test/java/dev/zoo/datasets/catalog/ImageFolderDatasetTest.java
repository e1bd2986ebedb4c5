package dev.zoo.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.format.LabeledImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    private void images(Path dir, int count, int grey) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, grey * 0x010101);
            ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
        }
    }

    @Test
    void usesTrainAndTestSubFoldersWithTheTrainingClasses() throws Exception {
        images(root.resolve("train/cat"), 3, 10);
        images(root.resolve("train/dog"), 2, 20);
        images(root.resolve("test/dog"), 1, 30);
        ImageFolderDataset ds = new ImageFolderDataset(root, 8);

        assertThat(ds.hasSplitFolders()).isTrue();
        assertThat(ds.classNames(Cifar100Labels.FINE)).containsExactly("cat", "dog");
        assertThat(ds.read(root, SplitName.TRAIN, Cifar100Labels.FINE).labels()).containsExactly(0, 0, 0, 1, 1);
        LabeledImages test = ds.read(root, SplitName.TEST, Cifar100Labels.FINE);
        assertThat(test.labels()).as("dog keeps label 1 though the test folder has no cat").containsExactly(1);
        assertThat(test.pixel(0, 0)).isEqualTo(30);
    }

    @Test
    void withoutSplitFoldersHoldsOutAFixedFifthAsTest() throws Exception {
        images(root.resolve("a"), 10, 1);
        images(root.resolve("b"), 10, 2);
        ImageFolderDataset ds = new ImageFolderDataset(root, 4);
        LabeledImages train = ds.read(root, SplitName.TRAIN, Cifar100Labels.FINE);
        LabeledImages test = ds.read(root, SplitName.TEST, Cifar100Labels.FINE);
        assertThat(train.count()).isEqualTo(16);
        assertThat(test.count()).isEqualTo(4);
        LabeledImages again = new ImageFolderDataset(root, 4).read(root, SplitName.TEST, Cifar100Labels.FINE);
        assertThat(again.labels()).isEqualTo(test.labels());
    }

    @Test
    void aMissingFolderIsNamed() {
        ImageFolderDataset ds = new ImageFolderDataset(root.resolve("nope"), 4);
        assertThatThrownBy(() -> ds.read(null, SplitName.TRAIN, Cifar100Labels.FINE)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("nope").hasMessageContaining("must be a directory");
    }
}

package dev.zoo.datasets.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.error.ImageDecodeException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    @TempDir
    Path root;

    private static void solid(Path file, int width, int height, int rgb, String format) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
    }

    @Test
    void readsPngAndJpegFromClassFoldersResizedToRgbPlanes() throws Exception {
        solid(root.resolve("zebra/a.png"), 40, 20, 0xFF0000, "png");
        solid(root.resolve("ant/b.jpg"), 8, 8, 0x00FF00, "jpg");
        solid(root.resolve("ant/c.PNG"), 16, 16, 0x0000FF, "png");
        Files.writeString(root.resolve("ant/notes.txt"), "not an image");

        ImageFolderReader.ImageFolder folder = ImageFolderReader.read(root, 4, null);

        assertThat(folder.classNames()).containsExactly("ant", "zebra");
        LabeledImages images = folder.images();
        assertThat(images.itemShape()).isEqualTo(Shape.chw(3, 4, 4));
        assertThat(images.labels()).containsExactly(0, 0, 1);
        // ant/b.jpg: green (JPEG may be off by a few levels)
        assertThat(images.pixel(0, 16 + 5)).isBetween(245, 255);
        assertThat(images.pixel(0, 5)).isLessThan(10);
        // ant/c.PNG: exactly blue in the third plane
        assertThat(images.pixel(1, 32 + 15)).isEqualTo(255);
        assertThat(images.pixel(1, 15)).isZero();
        // zebra/a.png: red, 40x20 squeezed to 4x4
        assertThat(images.pixel(2, 0)).isEqualTo(255);
        assertThat(images.pixel(2, 16)).isZero();
    }

    @Test
    void anUndecodableImageIsNamed() throws Exception {
        solid(root.resolve("a/ok.png"), 4, 4, 0, "png");
        Files.write(root.resolve("a/broken.png"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> ImageFolderReader.read(root, 4, null)).isInstanceOf(ImageDecodeException.class)
                .hasMessageContaining("broken.png").hasMessageContaining("PNG or JPEG");
    }

    @Test
    void aTestFolderMustUseTheTrainingClasses() throws Exception {
        solid(root.resolve("bird/x.png"), 4, 4, 0, "png");
        assertThatThrownBy(() -> ImageFolderReader.read(root, 4, List.of("cat", "dog"))).isInstanceOf(DataFileException.class)
                .hasMessageContaining("bird").hasMessageContaining("class folders must match the training classes");
    }

    @Test
    void anEmptyFolderIsNamed() throws Exception {
        Files.createDirectories(root.resolve("a"));
        assertThatThrownBy(() -> ImageFolderReader.read(root, 4, null)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("at least one .png/.jpg/.jpeg image");
        assertThatThrownBy(() -> ImageFolderReader.read(root.resolve("a"), 4, null)).hasMessageContaining("one sub-folder per class");
    }
}

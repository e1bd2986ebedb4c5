package dev.zoo.cli;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.format.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decodes PNG and JPEG files into the bytes of one stored example: CxHxW, grey (luma) or RGB. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads {@code file}, resized (bilinear) to {@code shape}'s height and width, as 1 (grey) or 3
     * (RGB) channels of bytes in C, H, W order.
     *
     * @throws IllegalArgumentException naming the file when it is missing or not a decodable image
     */
    public static byte[] read(Path file, Shape shape) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("image " + file + ": the network takes " + shape.channels()
                    + " channels; images can be read as 1 (grey) or 3 (RGB)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image " + file + ": no such file");
        }
        try {
            return ImageDecoder.decode(file, shape.channels(), shape.height(), shape.width());
        } catch (DataFileException e) {
            throw new IllegalArgumentException("image " + file + ": not a PNG or JPEG image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * torchvision's ImageNet evaluation crop of {@code file} as RGB bytes (see
     * {@link ImageDecoder#decodeCenterCrop}).
     *
     * @throws IllegalArgumentException naming the file when it is missing or not a decodable image
     */
    public static byte[] centerCrop(Path file, int resize, int crop) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image " + file + ": no such file");
        }
        try {
            return ImageDecoder.decodeCenterCrop(file, resize, crop);
        } catch (DataFileException e) {
            throw new IllegalArgumentException("image " + file + ": not a PNG or JPEG image (" + e.getMessage() + ")", e);
        }
    }
}

package dev.zoo.datasets.format;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.error.ImageDecodeException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder with one sub-folder per class (sorted by name; the index is the label) of PNG or
 * JPEG images, each resized (bilinear) to {@code size x size} RGB, for users' own data.
 */
public final class ImageFolderReader {

    private ImageFolderReader() {
    }

    /** The images of a folder and the class names their labels index. */
    public record ImageFolder(LabeledImages images, List<String> classNames) {
    }

    /** Whether a file name ends in .png, .jpg or .jpeg (any case). */
    public static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** The class sub-folders of {@code root}, sorted by name. */
    public static List<String> classFolders(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list image folder " + root, e);
        }
    }

    /**
     * @param classNames the classes the labels index (the training folder's), or null to take this
     *                   folder's sub-folders
     */
    public static ImageFolder read(Path root, int size, List<String> classNames) {
        if (size < 1) {
            throw new IllegalArgumentException("image folder " + root + ": image size must be >= 1, got " + size);
        }
        List<String> folders = classFolders(root);
        List<String> classes = classNames == null ? folders : classNames;
        if (classes.isEmpty()) {
            throw new DataFileException(root, "sub-folders", "one sub-folder per class", ">= 1 class folder", "none");
        }
        for (String f : folders) {
            if (!classes.contains(f)) {
                throw new DataFileException(root.resolve(f), "folder name", "class folders must match the training classes",
                        classes, f);
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String f : folders) {
            try (Stream<Path> s = Files.list(root.resolve(f))) {
                List<Path> images = s.filter(Files::isRegularFile).filter(ImageFolderReader::isImage).sorted().toList();
                files.addAll(images);
                images.forEach(i -> labels.add(classes.indexOf(f)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list class folder " + root.resolve(f), e);
            }
        }
        if (files.isEmpty()) {
            throw new DataFileException(root, "class folders", "at least one .png/.jpg/.jpeg image", ">= 1 image", 0);
        }
        Shape shape = Shape.chw(3, size, size);
        int itemSize = (int) shape.size();
        byte[] pixels = new byte[Math.multiplyExact(files.size(), itemSize)];
        for (int i = 0; i < files.size(); i++) {
            decodeInto(files.get(i), size, pixels, i * itemSize);
        }
        int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageFolder(new LabeledImages(pixels, lab, shape), List.copyOf(classes));
    }

    private static void decodeInto(Path file, int size, byte[] out, int offset) {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(file, "offset 0", "PNG or JPEG image", "a decodable image", e.getMessage());
        }
        if (src == null) {
            throw new ImageDecodeException(file, "offset 0", "PNG or JPEG image", "a decodable image", "no image reader accepts it");
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        int plane = size * size;
        int[] rgb = scaled.getRGB(0, 0, size, size, null, 0, size);
        for (int p = 0; p < plane; p++) {
            int v = rgb[p];
            out[offset + p] = (byte) (v >> 16);
            out[offset + plane + p] = (byte) (v >> 8);
            out[offset + 2 * plane + p] = (byte) v;
        }
    }
}

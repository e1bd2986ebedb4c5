package dev.zoo.datasets.format;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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
            ImageDecoder.decodeInto(files.get(i), 3, size, size, pixels, i * itemSize);
        }
        int[] lab = labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageFolder(new LabeledImages(pixels, lab, shape), List.copyOf(classes));
    }
}

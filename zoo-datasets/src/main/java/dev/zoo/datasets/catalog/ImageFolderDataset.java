package dev.zoo.datasets.catalog;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.error.DataFileException;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.format.ImageFolderReader;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ChannelStats;
import dev.zoo.datasets.pipeline.ExampleSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A user's own images: {@code root/train/<class>/*.png} and {@code root/test/<class>/*.png}, or
 * just {@code root/<class>/*.png}, of which a fixed fifth (the same on every run) becomes the
 * test split. Images are resized to {@code size x size} RGB.
 */
public final class ImageFolderDataset implements DatasetKind {

    /** Share of the examples held out as the test split when the folder has no train/test sub-folders. */
    public static final double HELD_OUT_TEST_FRACTION = 0.2;

    private final Path root;
    private final int size;
    private List<String> classNames;
    private LabeledImages trainPart;
    private LabeledImages testPart;

    public ImageFolderDataset(Path root, int size) {
        this.root = root;
        this.size = size;
    }

    public boolean hasSplitFolders() {
        return Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"));
    }

    @Override
    public String name() {
        return "folder:" + root;
    }

    @Override
    public String description() {
        return "image folder " + root + ", resized to " + size + "x" + size + " RGB";
    }

    @Override
    public Shape storedShape() {
        return Shape.chw(3, size, size);
    }

    @Override
    public int count(SplitName split) {
        return -1;
    }

    @Override
    public synchronized List<String> classNames(Cifar100Labels labels) {
        if (classNames == null) {
            classNames = ImageFolderReader.classFolders(hasSplitFolders() ? root.resolve("train") : root);
        }
        return classNames;
    }

    @Override
    public List<RequiredFile> requiredFiles() {
        return List.of();
    }

    @Override
    public List<String> folderNames() {
        return List.of();
    }

    @Override
    public Optional<dev.zoo.datasets.catalog.Download> download() {
        return Optional.empty();
    }

    @Override
    public Optional<ChannelStats> publishedStats() {
        return Optional.empty();
    }

    @Override
    public synchronized LabeledImages read(Path dir, SplitName split, Cifar100Labels labels) {
        if (!Files.isDirectory(root)) {
            throw new DataFileException(root, "path", "an image folder must be a directory", "a directory", "none there");
        }
        if (hasSplitFolders()) {
            List<String> classes = classNames(labels);
            return ImageFolderReader.read(root.resolve(split.lower()), size, classes).images();
        }
        if (trainPart == null) {
            ImageFolderReader.ImageFolder all = ImageFolderReader.read(root, size, null);
            classNames = all.classNames();
            ExampleSelection.Split parts = ExampleSelection.split(ExampleSelection.all(all.images().count()),
                    HELD_OUT_TEST_FRACTION, 0);
            trainPart = all.images().select(parts.train());
            testPart = all.images().select(parts.validation());
        }
        return split == SplitName.TRAIN ? trainPart : testPart;
    }
}

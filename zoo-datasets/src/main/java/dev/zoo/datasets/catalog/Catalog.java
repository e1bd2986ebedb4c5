package dev.zoo.datasets.catalog;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The datasets the zoo knows by name, and the {@code folder:PATH} form for image folders. */
public final class Catalog {

    /** Prefix of an image-folder dataset name. */
    public static final String FOLDER_PREFIX = "folder:";

    private static final List<DatasetKind> KNOWN = List.of(IdxDataset.FASHION_MNIST, IdxDataset.MNIST,
            CifarDataset.CIFAR10, CifarDataset.CIFAR100);

    private Catalog() {
    }

    /** The named datasets, in listing order. */
    public static List<DatasetKind> known() {
        return KNOWN;
    }

    /**
     * The dataset called {@code name}: a known name, or {@code folder:PATH} (images resized to
     * {@code folderImageSize}).
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static DatasetKind find(String name, int folderImageSize) {
        if (name != null && name.startsWith(FOLDER_PREFIX)) {
            String path = name.substring(FOLDER_PREFIX.length());
            if (path.isBlank()) {
                throw new IllegalArgumentException("dataset '" + name + "': folder: needs a path, as in folder:/data/pets");
            }
            return new ImageFolderDataset(Path.of(path), folderImageSize);
        }
        return KNOWN.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset '" + name + "': unknown; known are "
                        + KNOWN.stream().map(DatasetKind::name).collect(Collectors.joining(", "))
                        + ", or folder:PATH for an image folder"));
    }
}

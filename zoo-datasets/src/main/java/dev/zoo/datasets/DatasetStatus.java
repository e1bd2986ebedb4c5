package dev.zoo.datasets;

import dev.zoo.api.spec.Shape;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Datasets#known()} reports about one dataset: where it was found (or why not), how
 * large its files are, and its classes and split sizes.
 *
 * @param location  the directory holding it, or null when not found
 * @param source    which search root found it ({@code zoo cache}, {@code system datasets}, ...), or null
 * @param notFound  every place looked at and what it lacked, or null when found
 * @param sizeBytes total size of its files on disk, or 0 when not found
 */
public record DatasetStatus(String name, String description, Path location, String source, String notFound,
        long sizeBytes, Shape itemShape, int trainCount, int testCount, List<String> classNames) {

    public boolean found() {
        return location != null;
    }
}

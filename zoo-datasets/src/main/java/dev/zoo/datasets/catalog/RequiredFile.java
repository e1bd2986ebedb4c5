package dev.zoo.datasets.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A file a dataset directory must hold, under any of some accepted names (an IDX file may be
 * plain or gzipped), with the record count it must carry.
 */
public record RequiredFile(List<String> names, int records) {

    public RequiredFile {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("required file: needs at least one name");
        }
    }

    /** A file that may be plain or gzipped ({@code name} or {@code name.gz}; the .gz form is looked for first). */
    public static RequiredFile plainOrGzip(String name, int records) {
        return new RequiredFile(List.of(name + ".gz", name), records);
    }

    public static RequiredFile exactly(String name, int records) {
        return new RequiredFile(List.of(name), records);
    }

    /** The first accepted name present in {@code dir}. */
    public Optional<Path> find(Path dir) {
        return names.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    /** The first accepted name present in {@code dir}, or an error naming the directory and the file. */
    public Path require(Path dir) {
        return find(dir).orElseThrow(() -> new dev.zoo.datasets.error.DatasetException(dir + ": missing " + display()));
    }

    /** The file as a person should read it: {@code train-images-idx3-ubyte(.gz)}. */
    public String display() {
        if (names.size() == 2 && names.get(0).equals(names.get(1) + ".gz")) {
            return names.get(1) + "[.gz]";
        }
        return String.join(" or ", names);
    }
}

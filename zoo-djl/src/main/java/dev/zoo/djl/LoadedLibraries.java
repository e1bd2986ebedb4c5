package dev.zoo.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The shared libraries this process has loaded, as {@code /proc/self/maps} lists them (Linux). */
final class LoadedLibraries {

    private LoadedLibraries() {
    }

    /** The paths of the files mapped into this process, each once, in map order; empty where unreadable. */
    static List<String> paths() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try {
            return paths(Files.readAllLines(maps));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The paths of the files in lines of {@code /proc/self/maps}, each once, in map order. */
    static List<String> paths(List<String> mapsLines) {
        return mapsLines.stream().filter(l -> l.indexOf('/') >= 0).map(l -> l.substring(l.indexOf('/')).trim())
                .distinct().toList();
    }

    /** The first loaded library whose file is called {@code fileName}. */
    static Optional<Path> named(String fileName) {
        return paths().stream().filter(p -> p.endsWith("/" + fileName)).findFirst().map(Path::of);
    }
}

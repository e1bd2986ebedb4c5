package dev.zoo.datasets.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds a dataset on disk: in the directory the user names, then {@code ZOO_DATA}, then the zoo
 * cache, then the Debian location under {@code /usr/share/datasets}; in each, under the dataset's
 * folder names (and, for a directory the user names, directly in it).
 */
public final class DataLocator {

    /** The roots to search, in order; any may be null (not given). */
    public record Roots(Path dataDir, Path envDir, Path cacheDir, Path systemDir) {
    }

    /** One directory looked at, where it came from, and why it does not hold the dataset (null if it does). */
    public record Probe(Path dir, String source, String missing) {
        public boolean found() {
            return missing == null;
        }

        @Override
        public String toString() {
            return dir + " (" + source + "): " + (found() ? "found" : missing);
        }
    }

    /** The outcome of a search: every probe in order, and the first that found the dataset. */
    public record Result(List<Probe> probes) {
        public Optional<Probe> found() {
            return probes.stream().filter(Probe::found).findFirst();
        }

        public String describe() {
            return probes.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
        }
    }

    private DataLocator() {
    }

    public static Result locate(DatasetKind kind, Roots roots) {
        List<Probe> probes = new ArrayList<>();
        for (Path dir : candidates(kind, roots.dataDir(), true)) {
            probes.add(probe(kind, dir, "--data-dir"));
        }
        for (Path dir : candidates(kind, roots.envDir(), true)) {
            probes.add(probe(kind, dir, "ZOO_DATA"));
        }
        for (Path dir : candidates(kind, roots.cacheDir(), false)) {
            probes.add(probe(kind, dir, "zoo cache"));
        }
        for (Path dir : candidates(kind, roots.systemDir(), false)) {
            probes.add(probe(kind, dir, "system datasets"));
        }
        return new Result(probes);
    }

    private static List<Path> candidates(DatasetKind kind, Path root, boolean rootItself) {
        List<Path> dirs = new ArrayList<>();
        if (root == null) {
            return dirs;
        }
        kind.folderNames().forEach(n -> dirs.add(root.resolve(n)));
        if (rootItself) {
            dirs.add(root);
        }
        return dirs;
    }

    /** Whether {@code dir} holds every required file of {@code kind}, and if not, what it lacks. */
    public static Probe probe(DatasetKind kind, Path dir, String source) {
        if (!Files.isDirectory(dir)) {
            return new Probe(dir, source, "no such directory");
        }
        List<String> missing = kind.requiredFiles().stream().filter(f -> f.find(dir).isEmpty()).map(RequiredFile::display)
                .toList();
        return new Probe(dir, source, missing.isEmpty() ? null : "missing " + String.join(", ", missing));
    }
}

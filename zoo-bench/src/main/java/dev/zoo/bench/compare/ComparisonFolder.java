package dev.zoo.bench.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The folder a comparison writes: everything goes into a hidden sibling first and is moved into
 * place only when the report is complete, so an interrupted comparison leaves nothing half-written.
 */
final class ComparisonFolder {

    /** The file whose presence marks a folder as holding a comparison. */
    static final String SUMMARY = "summary.json";

    private final Path target;
    private final Path work;
    private boolean moved;

    private ComparisonFolder(Path target, Path work) {
        this.target = target;
        this.work = work;
    }

    /** Refuses a target that holds a comparison or anything else, then creates the work folder beside it. */
    static ComparisonFolder create(Path target) {
        Path out = target.toAbsolutePath().normalize();
        if (Files.isRegularFile(out.resolve(SUMMARY))) {
            throw new IllegalArgumentException("--out " + target + " already holds a comparison (" + SUMMARY
                    + "); choose another folder or remove it");
        }
        if (Files.exists(out) && !isEmptyDirectory(out)) {
            throw new IllegalArgumentException("--out " + target + " exists and is not an empty folder; a comparison"
                    + " goes into a new or empty folder");
        }
        Path work = out.resolveSibling("." + out.getFileName() + ".partial-" + UUID.randomUUID().toString()
                .substring(0, 8));
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("--out " + target + ": cannot create " + work + ": " + e.getMessage(), e);
        }
        return new ComparisonFolder(out, work);
    }

    Path work() {
        return work;
    }

    Path target() {
        return target;
    }

    /** Moves the finished work folder to the target (an empty target folder is replaced). */
    void commit() {
        try {
            if (Files.isDirectory(target)) {
                Files.delete(target);
            }
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (DirectoryNotEmptyException e) {
            throw new IllegalArgumentException("--out " + target + ": something was written there during the"
                    + " comparison; the comparison is in " + work, e);
        } catch (IOException e) {
            throw new UncheckedIOException("--out " + target + ": cannot move " + work + " into place: "
                    + e.getMessage(), e);
        }
    }

    /** Deletes the work folder unless it was moved into place. */
    void discard() {
        if (moved || !Files.exists(work)) {
            return;
        }
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the hidden folder is named after the target, so a user can find it
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("--out " + dir + ": cannot list it: " + e.getMessage(), e);
        }
    }
}

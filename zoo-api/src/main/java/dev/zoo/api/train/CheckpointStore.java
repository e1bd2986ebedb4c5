package dev.zoo.api.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zoo.api.backend.Network;
import dev.zoo.api.io.AtomicFiles;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of checkpoints, one sub-directory {@code step-000000000042} each, holding
 * {@code weights.safetensors}, {@code optimizer.safetensors} and {@code checkpoint.json}. A
 * checkpoint is written into a hidden temporary directory and renamed into place in one atomic
 * move, so a directory named {@code step-*} is always complete: a save that fails halfway leaves
 * the previous checkpoint as the latest. Only the newest {@code keep} checkpoints are kept.
 */
public final class CheckpointStore {

    static final String WEIGHTS = "weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String MANIFEST = "checkpoint.json";
    private static final String PREFIX = "step-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final int keep;

    /** A store in {@code directory} (created when missing) keeping the newest {@code keep} checkpoints. */
    public CheckpointStore(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("checkpoint store: must keep at least 1 checkpoint, got " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Writes the network's weights and optimiser state at {@code state}; returns the checkpoint's
     * directory. On any failure nothing new is left behind and earlier checkpoints are untouched.
     */
    public Path save(TrainingState state, Network network) {
        Path target = directory.resolve(String.format("%s%012d", PREFIX, state.step()));
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            tmp = Files.createTempDirectory(directory, "." + target.getFileName() + ".tmp-");
            Map<String, String> sha = new LinkedHashMap<>();
            sha.put(WEIGHTS, writeTensors(network.exportWeights(), tmp.resolve(WEIGHTS)));
            sha.put(OPTIMIZER, writeTensors(network.exportOptimizerState(), tmp.resolve(OPTIMIZER)));
            AtomicFiles.write(tmp.resolve(MANIFEST), JSON.writeValueAsBytes(CheckpointManifest.of(state, sha)));
            if (Files.exists(target)) {
                Path aside = Files.createTempDirectory(directory, "." + target.getFileName() + ".old-");
                Files.delete(aside);
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(aside);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
            prune();
            return target;
        } catch (IOException e) {
            throw new CheckpointException(target, "cannot save (the previous checkpoint is kept): " + e, e);
        } catch (RuntimeException e) {
            throw new CheckpointException(target, "cannot save (the previous checkpoint is kept): " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** The newest complete checkpoint directory, if any. */
    public Optional<Path> latest() {
        return checkpoints().stream().reduce((a, b) -> b);
    }

    /** Complete checkpoint directories, oldest first. */
    public List<Path> checkpoints() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint store " + directory + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Loads and verifies a checkpoint: {@code path} is a checkpoint directory, a store (its newest
     * checkpoint is taken) or a run folder with a {@code checkpoints} store.
     *
     * @throws CheckpointException naming the file when it is missing, of another format version, or
     *     its SHA-256 differs from the one recorded
     */
    public static Checkpoint load(Path path) {
        Path dir = resolve(path);
        Path manifestFile = dir.resolve(MANIFEST);
        CheckpointManifest m;
        try {
            m = JSON.readValue(manifestFile.toFile(), CheckpointManifest.class);
        } catch (IOException e) {
            throw new CheckpointException(manifestFile, "unreadable manifest, the checkpoint is corrupt: " + e.getMessage(), e);
        }
        if (!CheckpointManifest.FORMAT.equals(m.format()) || m.version() != CheckpointManifest.VERSION) {
            throw new CheckpointException(manifestFile, "format '" + m.format() + "' version " + m.version()
                    + " is not supported; this build reads '" + CheckpointManifest.FORMAT + "' version "
                    + CheckpointManifest.VERSION);
        }
        if (m.sha256() == null || !m.expectedChecksum().equals(m.checksum())) {
            throw new CheckpointException(manifestFile, "checksum mismatch: recorded " + m.checksum() + ", computed "
                    + (m.sha256() == null ? "none (no file hashes)" : m.expectedChecksum())
                    + "; the manifest was modified or is corrupt");
        }
        Weights weights = readVerified(dir.resolve(WEIGHTS), m);
        Weights optimizer = readVerified(dir.resolve(OPTIMIZER), m);
        return new Checkpoint(m.state(), weights, optimizer, dir);
    }

    private static Path resolve(Path path) {
        if (Files.isRegularFile(path.resolve(MANIFEST))) {
            return path;
        }
        for (Path store : List.of(path, path.resolve("checkpoints"))) {
            Optional<Path> latest = new CheckpointStore(store, 1).latest();
            if (latest.isPresent()) {
                return latest.get();
            }
        }
        throw new CheckpointException(path, "no checkpoint found: expected a directory with " + MANIFEST
                + ", or one holding step-* checkpoint directories, or a run folder with checkpoints/");
    }

    private static Weights readVerified(Path file, CheckpointManifest m) {
        String expected = m.sha256().get(file.getFileName().toString());
        if (expected == null) {
            throw new CheckpointException(file, "the manifest records no SHA-256 for this file");
        }
        String actual;
        try {
            actual = Sha256.of(file);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
        if (!expected.equals(actual)) {
            throw new CheckpointException(file, "SHA-256 mismatch: recorded " + expected + ", file has " + actual
                    + "; the checkpoint is corrupt");
        }
        try {
            return SafeTensors.read(file);
        } catch (IOException e) {
            throw new CheckpointException(file, "cannot read: " + e, e);
        }
    }

    private static String writeTensors(Weights w, Path file) throws IOException {
        SafeTensors.write(w, file);
        return Sha256.of(file);
    }

    private void prune() {
        List<Path> all = checkpoints();
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}

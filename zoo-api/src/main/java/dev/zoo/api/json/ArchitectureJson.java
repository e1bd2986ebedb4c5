package dev.zoo.api.json;

import dev.zoo.api.io.AtomicFiles;
import dev.zoo.api.spec.Architecture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes architecture files: the JSON form of an {@link Architecture}, which a user can
 * also write by hand (see {@code docs/architecture-format.md}). Writing then reading gives an
 * equal architecture. A malformed file fails with an {@link ArchitectureFormatException} naming the
 * file, the line and column, the field's JSON path and what was expected.
 */
public final class ArchitectureJson {

    /** The version of the file format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private ArchitectureJson() {
    }

    /** The architecture as JSON text, one layer per line. */
    public static String toJson(Architecture architecture) {
        return CompactJsonPrinter.print(ArchitectureEncoder.encode(architecture));
    }

    /**
     * Parses an architecture from JSON text.
     *
     * @param sourceName where the text came from (a file name), for error messages
     * @throws ArchitectureFormatException if the text is not a valid architecture
     */
    public static Architecture fromJson(String json, String sourceName) {
        return decode(json.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /** Reads an architecture file (UTF-8 JSON); errors name the file as given. */
    public static Architecture read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Writes an architecture file atomically: a reader never sees a half-written file. */
    public static void write(Architecture architecture, Path file) throws IOException {
        AtomicFiles.write(file, toJson(architecture).getBytes(StandardCharsets.UTF_8));
    }

    private static Architecture decode(byte[] json, String sourceName) {
        return ArchitectureDecoder.decode(SourceTree.parse(json, sourceName), sourceName);
    }
}

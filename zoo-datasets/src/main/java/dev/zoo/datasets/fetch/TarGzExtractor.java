package dev.zoo.datasets.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Unpacks the files of one folder of a {@code .tar.gz} archive, flat, refusing any path that leaves it. */
final class TarGzExtractor {

    private TarGzExtractor() {
    }

    /** Copies the regular files directly under {@code folder/} in the archive into {@code into}. */
    static int extractFolder(Path archive, String folder, Path into) throws IOException {
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        int extracted = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                if (!entry.isFile() || !name.startsWith(prefix)) {
                    continue;
                }
                String rest = name.substring(prefix.length());
                if (rest.isEmpty() || rest.contains("/") || rest.contains("\\") || rest.equals("..") || rest.startsWith(".")) {
                    continue;
                }
                Files.copy(tar, into.resolve(rest));
                extracted++;
            }
        }
        if (extracted == 0) {
            throw new IOException(archive.getFileName() + ": holds no files under " + prefix);
        }
        return extracted;
    }
}

package dev.zoo.datasets.fetch;

import dev.zoo.datasets.catalog.DataLocator;
import dev.zoo.datasets.catalog.DatasetKind;
import dev.zoo.datasets.catalog.Download;
import dev.zoo.datasets.catalog.RemoteFile;
import dev.zoo.datasets.catalog.SplitName;
import dev.zoo.datasets.error.ChecksumException;
import dev.zoo.datasets.error.DatasetException;
import dev.zoo.datasets.format.Cifar100Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Downloads a dataset into the cache: every file to a temporary folder inside the cache, MD5
 * checked against the published value, archives unpacked, the result read in full, and only then
 * renamed to {@code cache/<name>} in one atomic move. On any failure the temporary folder is
 * deleted, so the cache holds either the whole verified dataset or nothing.
 */
public final class Fetcher {

    private static final int TIMEOUT_MS = 30_000;

    private Fetcher() {
    }

    /**
     * @param mirror a base URI to fetch the files from instead of the published URLs (a local
     *               mirror, or a test server), or null
     * @return the cache directory now holding the dataset
     * @throws ChecksumException when a file's MD5 differs from the published one
     * @throws UncheckedIOException when no URL could be read
     */
    public static Path fetch(DatasetKind kind, Path cacheDir, URI mirror, ProgressListener progress) {
        Download download = kind.download().orElseThrow(() -> new DatasetException(kind.name()
                + ": has no published download; put its files in place yourself"));
        Path target = cacheDir.resolve(kind.name());
        if (Files.exists(target)) {
            DataLocator.Probe probe = DataLocator.probe(kind, target, "zoo cache");
            if (probe.found()) {
                return target;
            }
            throw new DatasetException(target + ": exists but is incomplete (" + probe.missing()
                    + "); it was not written by a fetch: remove it, then fetch again");
        }
        Path work = null;
        Path created = firstMissing(cacheDir);
        boolean fetched = false;
        try {
            Files.createDirectories(cacheDir);
            work = Files.createTempDirectory(cacheDir, "." + kind.name() + ".partial-");
            Path downloads = Files.createDirectory(work.resolve("downloads"));
            Path dataset = Files.createDirectory(work.resolve(kind.name()));
            for (RemoteFile file : download.files()) {
                RemoteFile source = mirror == null ? file : file.at(mirror);
                Path saved = downloadVerified(source, download.isArchive() ? downloads : dataset, progress);
                if (download.isArchive()) {
                    TarGzExtractor.extractFolder(saved, download.archiveFolder(), dataset);
                    Files.delete(saved);
                }
            }
            verify(kind, dataset);
            moveAtomically(dataset, target);
            fetched = true;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(kind.name() + ": download failed: " + describe(e), e);
        } finally {
            if (work != null) {
                deleteTree(work);
            }
            if (!fetched && created != null) {
                deleteEmptyFolders(cacheDir, created);
            }
        }
    }

    /** The outermost folder of {@code dir} (itself included) that does not exist yet, or null. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /**
     * Removes {@code dir} and its parents up to {@code outermost}, the folders a failed fetch made
     * for the cache, as long as they are empty: a failure leaves no trace, not even empty folders.
     */
    private static void deleteEmptyFolders(Path dir, Path outermost) {
        for (Path p = dir.toAbsolutePath(); p != null && p.startsWith(outermost); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty (another process fetched into it meanwhile): leave it and its parents
            }
        }
    }

    /** A failed transfer in words, naming the cause's kind when its message alone is a bare host name. */
    public static String describe(IOException e) {
        if (e instanceof java.net.UnknownHostException) {
            return "cannot resolve host " + e.getMessage() + " (offline, or no DNS)";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Checks a freshly unpacked dataset as a load would, before it may enter the cache. */
    private static void verify(DatasetKind kind, Path dataset) {
        DataLocator.Probe probe = DataLocator.probe(kind, dataset, "download");
        if (!probe.found()) {
            throw new DatasetException(kind.name() + ": the downloaded files are incomplete: " + probe.missing());
        }
        for (SplitName split : SplitName.values()) {
            kind.read(dataset, split, Cifar100Labels.FINE);
        }
    }

    /** Downloads {@code file} into {@code dir}, trying its URLs in order, and checks its MD5. */
    static Path downloadVerified(RemoteFile file, Path dir, ProgressListener progress) throws IOException {
        Path target = dir.resolve(file.fileName());
        IOException failure = null;
        for (URI url : file.urls()) {
            try {
                String md5 = transfer(url, target, file.fileName(), progress);
                if (!md5.equals(file.md5())) {
                    Files.deleteIfExists(target);
                    throw new ChecksumException(Path.of(file.fileName()), "MD5 of the bytes from " + url,
                            "published checksum", file.md5(), md5);
                }
                return target;
            } catch (IOException e) {
                Files.deleteIfExists(target);
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } finally {
                progress.onFileDone(file.fileName());
            }
        }
        throw failure == null ? new IOException(file.fileName() + ": no URL to fetch it from") : failure;
    }

    private static String transfer(URI url, Path target, String label, ProgressListener progress) throws IOException {
        URLConnection connection = url.toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MS);
        connection.setReadTimeout(TIMEOUT_MS);
        if (connection instanceof HttpURLConnection http) {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException(url + ": HTTP " + status + " " + http.getResponseMessage());
            }
        }
        long total = connection.getContentLengthLong();
        MessageDigest digest = Md5.newDigest();
        long done = 0;
        long reported = -1;
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            progress.onProgress(label, 0, total);
            for (int n; (n = in.read(buf)) > 0;) {
                out.write(buf, 0, n);
                digest.update(buf, 0, n);
                done += n;
                if (done - reported >= 1 << 20) {
                    progress.onProgress(label, done, total);
                    reported = done;
                }
            }
        }
        progress.onProgress(label, done, total);
        if (total >= 0 && done != total) {
            throw new IOException(url + ": transfer ended after " + done + " of " + total + " bytes");
        }
        return Md5.hex(digest);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move " + from + " to " + to + " atomically (the cache must be on one file system)", e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove temporary folder " + root, e);
        }
    }
}

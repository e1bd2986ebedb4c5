package dev.zoo.datasets.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.catalog.DatasetKind;
import dev.zoo.datasets.catalog.Download;
import dev.zoo.datasets.catalog.RemoteFile;
import dev.zoo.datasets.catalog.RequiredFile;
import dev.zoo.datasets.catalog.SplitName;
import dev.zoo.datasets.error.ChecksumException;
import dev.zoo.datasets.error.FileSizeException;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.format.CifarLayout;
import dev.zoo.datasets.format.CifarReader;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ChannelStats;
import dev.zoo.datasets.testdata.DatasetFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherTest {

    @TempDir
    Path tmp;

    private HttpServer server;
    private Path served;
    private Path cache;

    /** Serves the files of {@code served} over HTTP on loopback. */
    @BeforeEach
    void startServer() throws IOException {
        served = Files.createDirectories(tmp.resolve("served"));
        cache = tmp.resolve("cache");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = served.resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** A small CIFAR-10-like dataset published as a tar.gz, to exercise the real fetch path end to end. */
    private record TinyCifar(RemoteFile archive) implements DatasetKind {
        public String name() {
            return "tiny";
        }

        public String description() {
            return "three records per split";
        }

        public Shape storedShape() {
            return CifarLayout.IMAGE;
        }

        public int count(SplitName split) {
            return 3;
        }

        public List<String> classNames(Cifar100Labels labels) {
            return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        }

        public List<RequiredFile> requiredFiles() {
            return List.of(RequiredFile.exactly("train.bin", 3), RequiredFile.exactly("test.bin", 3));
        }

        public List<String> folderNames() {
            return List.of("tiny");
        }

        public Optional<Download> download() {
            return Optional.of(new Download(List.of(archive), "tiny-bin"));
        }

        public Optional<ChannelStats> publishedStats() {
            return Optional.empty();
        }

        public LabeledImages read(Path dir, SplitName split, Cifar100Labels labels) {
            return CifarReader.read(dir.resolve(split.lower() + ".bin"), CifarLayout.CIFAR10, 0, 3);
        }
    }

    private Path tarGz(String name, int testRecords) throws IOException {
        Path staging = Files.createDirectories(tmp.resolve("staging-" + name));
        DatasetFiles.writeCifar(staging.resolve("train.bin"), CifarLayout.CIFAR10, 3);
        DatasetFiles.writeCifar(staging.resolve("test.bin"), CifarLayout.CIFAR10, testRecords);
        Files.writeString(staging.resolve("readme.html"), "<p>tiny</p>");
        Path archive = served.resolve(name);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                Files.newOutputStream(archive)))) {
            for (String f : List.of("train.bin", "test.bin", "readme.html")) {
                TarArchiveEntry e = new TarArchiveEntry(staging.resolve(f).toFile(), "tiny-bin/" + f);
                tar.putArchiveEntry(e);
                Files.copy(staging.resolve(f), tar);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry escape = new TarArchiveEntry("tiny-bin/../../escape.bin");
            byte[] evil = "evil".getBytes();
            escape.setSize(evil.length);
            tar.putArchiveEntry(escape);
            tar.write(evil);
            tar.closeArchiveEntry();
        }
        return archive;
    }

    private List<String> cacheEntries() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesExtractsAndMovesIntoTheCache() throws Exception {
        Path archive = tarGz("tiny.tar.gz", 3);
        RemoteFile remote = new RemoteFile("tiny.tar.gz", List.of(base().resolve("tiny.tar.gz")), Md5.of(archive));
        List<Long> progress = new ArrayList<>();
        Path dir = Fetcher.fetch(new TinyCifar(remote), cache, null, (f, done, total) -> progress.add(done));

        assertThat(dir).isEqualTo(cache.resolve("tiny"));
        assertThat(cacheEntries()).containsExactly("tiny");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("readme.html", "test.bin", "train.bin");
        }
        assertThat(Files.size(dir.resolve("train.bin"))).isEqualTo(3 * 3073);
        assertThat(tmp.resolve("escape.bin")).doesNotExist();
        assertThat(progress).isNotEmpty().last().isEqualTo(Files.size(archive));

        // a second fetch finds the cached copy and downloads nothing
        server.removeContext("/");
        assertThat(Fetcher.fetch(new TinyCifar(remote), cache, null, ProgressListener.NONE)).isEqualTo(dir);
    }

    @Test
    void aCorruptArchiveFailsItsChecksumAndLeavesNothingInTheCache() throws Exception {
        Path archive = tarGz("tiny.tar.gz", 3);
        String published = Md5.of(archive);
        DatasetFiles.poke(archive, 100, 0x55);
        RemoteFile remote = new RemoteFile("tiny.tar.gz", List.of(base().resolve("tiny.tar.gz")), published);
        assertThatThrownBy(() -> Fetcher.fetch(new TinyCifar(remote), cache, null, ProgressListener.NONE))
                .isInstanceOf(ChecksumException.class).hasMessageContaining("tiny.tar.gz")
                .hasMessageContaining("expected " + published + ", got " + Md5.of(archive));
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void aTruncatedTransferIsRejectedAndLeavesNothingInTheCache() throws Exception {
        Path archive = tarGz("tiny.tar.gz", 3);
        byte[] body = Files.readAllBytes(archive);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread cut = new Thread(() -> {
                try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                    client.getInputStream().read(new byte[4096]);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, body.length / 2);
                } catch (IOException ignored) {
                    // the client sees the connection end early, which is the point
                }
            });
            cut.start();
            URI url = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/tiny.tar.gz");
            RemoteFile remote = new RemoteFile("tiny.tar.gz", List.of(url), Md5.of(archive));
            assertThatThrownBy(() -> Fetcher.fetch(new TinyCifar(remote), cache, null, ProgressListener.NONE))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("tiny: download failed");
            cut.join(5_000);
        }
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void anArchiveWithTheRightChecksumButABadFileFailsTheReadCheckAndLeavesNothing() throws Exception {
        Path archive = tarGz("tiny.tar.gz", 4);
        RemoteFile remote = new RemoteFile("tiny.tar.gz", List.of(base().resolve("tiny.tar.gz")), Md5.of(archive));
        assertThatThrownBy(() -> Fetcher.fetch(new TinyCifar(remote), cache, null, ProgressListener.NONE))
                .isInstanceOf(FileSizeException.class).hasMessageContaining("test.bin");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void triesTheNextUrlWhenOneFailsAndServesFromAFileUrlMirror() throws Exception {
        Path archive = tarGz("tiny.tar.gz", 3);
        RemoteFile remote = new RemoteFile("tiny.tar.gz", List.of(base().resolve("missing.tar.gz"),
                base().resolve("tiny.tar.gz")), Md5.of(archive));
        assertThat(Fetcher.fetch(new TinyCifar(remote), cache, null, ProgressListener.NONE)).isEqualTo(cache.resolve("tiny"));

        Path otherCache = tmp.resolve("cache2");
        RemoteFile nowhere = new RemoteFile("tiny.tar.gz", List.of(URI.create("http://127.0.0.1:1/x")), Md5.of(archive));
        assertThat(Fetcher.fetch(new TinyCifar(nowhere), otherCache, served.toUri(), ProgressListener.NONE))
                .isEqualTo(otherCache.resolve("tiny"));
    }

    @Test
    void aMissingFileNamesTheHttpStatus() {
        RemoteFile remote = new RemoteFile("tiny.tar.gz", List.of(base().resolve("tiny.tar.gz")),
                "00000000000000000000000000000000");
        assertThatThrownBy(() -> Fetcher.fetch(new TinyCifar(remote), cache, null, ProgressListener.NONE))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("HTTP 404");
        assertThat(cache).doesNotExist();
    }

    @Test
    void aFailedFetchRemovesTheFoldersItMadeForTheCacheButNoOthers() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path deepCache = home.resolve(".zoo/datasets");
        RemoteFile nowhere = new RemoteFile("tiny.tar.gz", List.of(URI.create("http://127.0.0.1:1/x")),
                "00000000000000000000000000000000");

        assertThatThrownBy(() -> Fetcher.fetch(new TinyCifar(nowhere), deepCache, null, ProgressListener.NONE))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("tiny: download failed");

        assertThat(home).isEmptyDirectory();

        Path kept = Files.createDirectories(tmp.resolve("kept"));
        assertThatThrownBy(() -> Fetcher.fetch(new TinyCifar(nowhere), kept, null, ProgressListener.NONE))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(kept).isEmptyDirectory();
    }
}

package dev.zoo.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the old file and no temporary file; a finished one replaces the file whole. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("new/dir/file.bin");

        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(target)).isEqualTo("second");
        assertThat(target.getParent().toFile().list()).containsExactly("file.bin");
    }

    @Test
    void theFileGetsThePermissionsOfAnyNewFileNotPrivateOnes() throws IOException {
        Path plain = Files.writeString(dir.resolve("metrics.csv"), "step,loss\n");
        Path atomic = dir.resolve("run.json");

        AtomicFiles.write(atomic, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailureHalfWayLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("file.bin");
        Files.writeString(target, "old content");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("old content");
        assertThat(dir.toFile().list()).containsExactly("file.bin");
    }

    @Test
    void aFailureBeforeAnyFileExistedLeavesNothing() {
        Path target = dir.resolve("never.bin");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            throw new IllegalStateException("broken encoder");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(dir.toFile().list()).isEmpty();
    }
}

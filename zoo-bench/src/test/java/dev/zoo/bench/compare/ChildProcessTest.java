package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a child that stops early is reported: always with a reason, whatever its exit code. */
class ChildProcessTest {

    @Test
    void aChildThatExitsCleanlyBeforeAnsweringStillGetsAReason(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("child.log");
        Files.writeString(log, "");
        try (ChildProcess child = ChildProcess.start(List.of("sh", "-c", "echo 'read nothing' >&2; exit 0"), log)) {
            assertThat(child.until("ready", e -> { })).isNull();
            assertThat(child.finishUnanswered())
                    .isEqualTo("the child process ended without answering (exit code 0): read nothing");
        }
    }

    @Test
    void aChildThatFailsKeepsItsExitCodeAndLastLogLine(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("child.log");
        Files.writeString(log, "");
        try (ChildProcess child = ChildProcess.start(List.of("sh", "-c", "echo 'no torch' >&2; exit 3"), log)) {
            assertThat(child.until("ready", e -> { })).isNull();
            assertThat(child.finishUnanswered()).isEqualTo("the child process exited with code 3: no torch");
        }
    }

    @Test
    void anErrorEventIsTheReason(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("child.log");
        Files.writeString(log, "");
        String event = WorkerChannel.PREFIX + "{\"kind\":\"error\",\"message\":\"out of memory\"}";
        try (ChildProcess child = ChildProcess.start(List.of("sh", "-c", "echo '" + event + "'; exit 1"), log)) {
            assertThat(child.until("ready", e -> { })).isNull();
            assertThat(child.finishUnanswered()).isEqualTo("out of memory");
        }
    }
}

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

    @TempDir
    Path dir;

    /** Why a child running {@code script} in {@code sh} failed, asked as the comparison asks it. */
    private String reasonOf(String script) throws IOException {
        Path log = dir.resolve("child.log");
        Files.writeString(log, "");
        try (ChildProcess child = ChildProcess.start(List.of("sh", "-c", script), log)) {
            assertThat(child.until("ready", e -> { })).as("no ready event").isNull();
            return child.finishUnanswered();
        }
    }

    @Test
    void aChildThatExitsCleanlyBeforeAnsweringStillGetsAReason() throws IOException {
        assertThat(reasonOf("echo 'read nothing' >&2; exit 0"))
                .isEqualTo("the child process ended without answering (exit code 0): read nothing");
    }

    @Test
    void aChildThatFailsKeepsItsExitCodeAndLastLogLine() throws IOException {
        assertThat(reasonOf("echo 'no torch' >&2; exit 3")).isEqualTo("the child process exited with code 3: no torch");
    }

    @Test
    void anErrorEventIsTheReason() throws IOException {
        String event = WorkerChannel.PREFIX + "{\"kind\":\"error\",\"message\":\"out of memory\"}";
        assertThat(reasonOf("echo '" + event + "'; exit 1")).isEqualTo("out of memory");
    }
}

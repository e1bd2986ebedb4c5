package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeThreadWaitTest {

    @Test
    void eachSettingIsMadeOnlyWhereTheEnvironmentChoosesNone() {
        assertThat(NativeThreadWait.valuesFor(Map.of("PATH", "/usr/bin")))
                .containsExactly(Map.entry("OPENBLAS_THREAD_TIMEOUT", "4"), Map.entry("GOMP_SPINCOUNT", "10000"));
        assertThat(NativeThreadWait.valuesFor(Map.of("GOMP_SPINCOUNT", "300000")))
                .containsExactly(Map.entry("OPENBLAS_THREAD_TIMEOUT", "4"));
        assertThat(NativeThreadWait.valuesFor(Map.of("OMP_WAIT_POLICY", "ACTIVE")))
                .containsExactly(Map.entry("OPENBLAS_THREAD_TIMEOUT", "4"));
        assertThat(NativeThreadWait.valuesFor(Map.of("OPENBLAS_THREAD_TIMEOUT", "28")))
                .containsExactly(Map.entry("GOMP_SPINCOUNT", "10000"));
        assertThat(NativeThreadWait.valuesFor(Map.of("OPENBLAS_THREAD_TIMEOUT", "10", "GOMP_SPINCOUNT", "0"))).isEmpty();
    }

    @Test
    void afterNd4jLoadsTheProcessEnvironmentHoldsThem() {
        new Dl4jBackend().description();
        for (NativeThreadWait.Setting s : NativeThreadWait.SETTINGS) {
            String actual = NativeThreadWait.libc().getenv(s.variable());
            if (s.chosenBy().stream().anyMatch(v -> System.getenv(v) != null)) {
                assertThat(actual).as("%s chosen by the environment is kept", s.variable())
                        .isEqualTo(System.getenv(s.variable()));
            } else {
                assertThat(actual).as(s.variable()).isEqualTo(s.value());
            }
        }
    }

    /**
     * In a JVM of its own with two native threads, no native worker runs in the milliseconds after
     * a matrix product; with OpenBLAS's own timeout (the user's choice, which is kept) the same
     * probe finds it still spinning, which shows the probe can tell.
     */
    @Test
    void openBlasWorkersSleepBetweenCalls(@TempDir Path dir) throws Exception {
        assumeThat(Runtime.getRuntime().availableProcessors()).as("OpenBLAS runs one thread on one core").isGreaterThan(1);
        assertThat(busyAfterCall(dir, Map.of())).as("share of looks with a native thread still busy").isLessThan(0.2);
        assertThat(busyAfterCall(dir, Map.of("OPENBLAS_THREAD_TIMEOUT", "28")))
                .as("with OpenBLAS's default timeout its worker spins between calls").isGreaterThan(0.5);
    }

    private static double busyAfterCall(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path out = dir.resolve("probe.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GemmIdleProbe.class.getName()))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        for (NativeThreadWait.Setting s : NativeThreadWait.SETTINGS) {
            s.chosenBy().forEach(pb.environment()::remove);
        }
        pb.environment().put("OMP_NUM_THREADS", "2");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not finish in 2 minutes");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        String line = text.lines().filter(l -> l.startsWith("busy-after-call ")).findFirst()
                .orElseThrow(() -> new AssertionError("no result from the probe: " + text));
        System.out.println("GemmIdleProbe " + env + ": " + line);
        return Double.parseDouble(line.split(" ")[1]);
    }
}

package dev.zoo.importer.torch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the generator script with Debian's Python, or skips the calling test when torch is not installed. */
final class PythonTorch {

    static final String PYTHON = "/usr/bin/python3";

    private PythonTorch() {
    }

    /** Skips (a JUnit assumption) unless {@code /usr/bin/python3} imports torch and torchvision. */
    static void assumeInstalled() throws IOException, InterruptedException {
        boolean ok = Files.isExecutable(Path.of(PYTHON)) && run(null, "-c", "import torch, torchvision") == 0;
        assumeTrue(ok, "python3-torch and python3-torchvision are not installed (apt-get install python3-torch "
                + "python3-torchvision); the torchvision comparison is skipped");
    }

    /** Copies the resource script into {@code dir} and runs it with {@code dir} and {@code args} as arguments. */
    static void runScript(String resource, Path dir, List<String> args) throws IOException, InterruptedException {
        Path script = dir.resolve(resource);
        try (InputStream in = PythonTorch.class.getResourceAsStream(resource)) {
            Files.copy(in, script);
        }
        Path log = dir.resolve(resource + ".log");
        List<String> all = new ArrayList<>(List.of(script.toString(), dir.toString()));
        all.addAll(args);
        int code = run(log, all.toArray(String[]::new));
        if (code != 0) {
            throw new AssertionError(resource + " failed with exit code " + code + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int run(Path log, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = PYTHON;
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return process.exitValue();
    }
}

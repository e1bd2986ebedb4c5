package dev.zoo.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test's generator script with Debian's Python, or skips the test when its modules are not installed. */
public final class DebianPython {

    static final String PYTHON = "/usr/bin/python3";

    private DebianPython() {
    }

    /**
     * Skips (a JUnit assumption) unless {@code /usr/bin/python3} imports {@code modules}
     * ({@code "torch, torchvision"}), naming the Debian {@code packages} that bring them.
     */
    public static void assumeModules(String modules, String packages) throws IOException, InterruptedException {
        boolean ok = Files.isExecutable(Path.of(PYTHON)) && run(null, "-c", "import " + modules) == 0;
        assumeTrue(ok, PYTHON + " cannot import " + modules + " (apt-get install " + packages + "); skipped");
    }

    /**
     * Copies the script {@code resource} (next to {@code anchor}) into {@code dir} and runs it with
     * {@code dir} and {@code args} as arguments.
     */
    public static void runScript(Class<?> anchor, String resource, Path dir, List<String> args)
            throws IOException, InterruptedException {
        Path script = dir.resolve(resource);
        try (InputStream in = anchor.getResourceAsStream(resource)) {
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

    /** A file of raw little-endian float32 values, as numpy's {@code tofile} writes them. */
    public static float[] floats(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(out);
        return out;
    }
}

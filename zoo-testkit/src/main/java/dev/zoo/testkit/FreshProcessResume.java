package dev.zoo.testkit;

import dev.zoo.api.backend.Network;
import dev.zoo.api.train.CheckpointStore;
import dev.zoo.api.train.Trainer;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resumes a {@link TrainingContract}'s run from a checkpoint in a new JVM, so that nothing but the
 * checkpoint carries state across: not a static, not a cached tensor, not a native handle. The
 * child builds its own instance of the contract subclass, resumes, and writes the loss of every
 * step (as exact bits) and the final weights for the parent to compare.
 */
public final class FreshProcessResume {

    /** What the child process produced. */
    public record Outcome(List<Double> losses, Weights weights) {
    }

    private static final String LOSSES = "losses.txt";
    private static final String WEIGHTS = "weights.safetensors";

    private FreshProcessResume() {
    }

    /** Runs the child for {@code contract} until step {@code stopStep}; fails with its output if it fails. */
    public static Outcome run(Class<? extends TrainingContract> contract, Path checkpoints, long stopStep, Path out)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path log = out.resolve("child.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String property : List.of("ai.djl.offline", "java.library.path")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FreshProcessResume.class.getName(),
                contract.getName(), checkpoints.toString(), Long.toString(stopStep), out.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("fresh-process resume did not finish within 10 minutes; output:\n" + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("fresh-process resume exited with " + p.exitValue() + "; output:\n" + Files.readString(log));
        }
        List<Double> losses = Files.readAllLines(out.resolve(LOSSES)).stream()
                .map(line -> Double.longBitsToDouble(Long.parseUnsignedLong(line, 16))).toList();
        return new Outcome(losses, SafeTensors.read(out.resolve(WEIGHTS)));
    }

    /** Child entry point: {@code <contract class> <checkpoint store> <stop step> <output directory>}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: FreshProcessResume <contract class> <checkpoints> <stop step> <out>");
        }
        Constructor<?> ctor = Class.forName(args[0]).getDeclaredConstructor();
        ctor.setAccessible(true);
        TrainingContract contract = (TrainingContract) ctor.newInstance();
        Path out = Path.of(args[3]);
        try (Network n = contract.compile()) {
            List<Double> losses = new Trainer(n, contract.config().toBuilder().maxSteps(Long.parseLong(args[2])).build())
                    .resume(contract.data(), null, CheckpointStore.load(Path.of(args[1]))).stepLosses();
            List<String> lines = losses.stream().map(l -> Long.toHexString(Double.doubleToLongBits(l))).toList();
            Files.write(out.resolve(LOSSES), lines);
            SafeTensors.write(n.exportWeights(), out.resolve(WEIGHTS));
        }
    }
}

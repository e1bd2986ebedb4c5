package dev.zoo.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingJson;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.bench.HandWrittenNetworks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code zoo compare --speed-only}: training images/s of one model on synthetic batches, every
 * backend (and the hand-written network of its engine, where there is one; for ResNet-20 also
 * Python PyTorch when {@code /usr/bin/python3} has it) in its own process, all
 * started together and then timed in rounds that rotate which runner goes first, so whatever else
 * the machine does weighs on every runner alike. Only one runner computes at a time.
 */
public final class SpeedCompare {

    /** The runner every ratio is taken to. */
    public static final String REFERENCE = "djl-pytorch";

    /** The peer row of the same ResNet-20 in Python PyTorch, when {@link #PYTHON} can import torch. */
    public static final String PYTHON_PYTORCH = "python-pytorch";

    /** The Python whose PyTorch is the peer row. */
    static final String PYTHON = "/usr/bin/python3";

    private final Consumer<String> progress;

    public SpeedCompare(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * As {@link #run(String, Shape, List, int, int, int, int)}, and then writes the report of the table
     * into the comparison folder {@code out} (checked before anything runs).
     */
    public SpeedTable run(String model, Shape input, List<String> backends, int batch, int warmup, int rounds,
            int roundSteps, Path out) {
        ComparisonFolder folder = ComparisonFolder.create(out);
        try {
            long start = System.nanoTime();
            SpeedTable t = run(model, input, backends, batch, warmup, rounds, roundSteps);
            Comparison c = new Comparison(model + " training speed on " + String.join(", ", backends),
                    "synthetic batches of " + batch + " x " + input + ", SGD (momentum 0.9, weight decay 0.0005)",
                    Recipe.machine(), List.of(model), backends, List.of(), List.of(), List.of(),
                    (System.nanoTime() - start) / 1e9, t);
            ComparisonReport.write(c, folder.work());
            folder.commit();
            return t;
        } finally {
            folder.discard();
        }
    }

    /**
     * Times {@code model} at {@code input} in batches of {@code batch} on {@code backends} and their
     * hand-written twins: {@code warmup} untimed steps each, then {@code rounds} rounds of
     * {@code roundSteps} steps.
     */
    public SpeedTable run(String model, Shape input, List<String> backends, int batch, int warmup, int rounds,
            int roundSteps) {
        backends.forEach(Backends::get);
        ModelZoo.build(model, input, 10);
        if (rounds < 1 || roundSteps < 1 || warmup < 0) {
            throw new IllegalArgumentException("speed: rounds and steps per round must be >= 1 and warm-up >= 0, got "
                    + rounds + ", " + roundSteps + ", " + warmup);
        }
        List<String> runners = new ArrayList<>();
        for (String b : backends) {
            runners.add(b);
            if (HandWrittenNetworks.supports(b, model)) {
                runners.add(SpeedRunner.HAND_WRITTEN + b);
            }
        }
        if (model.equals("resnet20") && pythonHasTorch()) {
            runners.add(PYTHON_PYTORCH);
        }
        TrainingConfig config = TrainingConfig.builder().batchSize(batch).seed(1)
                .optimizer(new dev.zoo.api.backend.Optimizer.Sgd(0.9, false, 5e-4)).build();
        Path dir = tempDir();
        Map<String, ChildProcess> children = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, Double> memory = new LinkedHashMap<>();
        try {
            for (String r : runners) {
                Path log = dir.resolve(r.replace(':', '-') + ".log");
                if (r.equals(PYTHON_PYTORCH)) {
                    children.put(r, ChildProcess.start(pythonCommand(dir, batch, input, warmup), log));
                } else {
                    Path job = dir.resolve(r.replace(':', '-') + ".json");
                    TrainingJson.mapper().writeValue(job.toFile(), new WorkerJob("speed", r, model, null, config, null,
                            null, input.toString(), warmup));
                    children.put(r, ChildProcess.start(job, log));
                }
                rates.put(r, new ArrayList<>());
            }
            // the JVMs start and warm up one at a time, so none warms up while another is timed
            for (String r : runners) {
                progress.accept(r + ": warming up (" + warmup + " steps)");
                if (children.get(r).until("ready", e -> { }) == null) {
                    errors.put(r, children.get(r).finish());
                    progress.accept(r + ": FAILED: " + errors.get(r));
                }
            }
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", round + 1, rounds));
                for (int k = 0; k < runners.size(); k++) {
                    String r = runners.get((k + round) % runners.size());
                    if (errors.containsKey(r)) {
                        continue;
                    }
                    ChildProcess child = children.get(r);
                    child.send("round " + roundSteps);
                    JsonNode done = child.until("round", e -> { });
                    if (done == null) {
                        errors.put(r, child.finish());
                        progress.accept(r + ": FAILED: " + errors.get(r));
                        continue;
                    }
                    double rate = done.path("images").asDouble() / done.path("seconds").asDouble();
                    rates.get(r).add(rate);
                    line.append(String.format(Locale.ROOT, " %s %,.0f", r, rate));
                }
                progress.accept(line + " images/s");
            }
            for (String r : runners) {
                if (errors.containsKey(r)) {
                    continue;
                }
                ChildProcess child = children.get(r);
                child.send("end");
                JsonNode m = child.until("memory", e -> { });
                if (m != null) {
                    memory.put(r, m.path("peakRssMb").asDouble());
                }
                String error = child.finish();
                if (error != null) {
                    errors.put(r, error);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("speed: cannot write a job into " + dir + ": " + e.getMessage(), e);
        } finally {
            children.values().forEach(ChildProcess::close);
            delete(dir);
        }
        return table(model, input, batch, warmup, rounds, roundSteps, runners, rates, memory, errors);
    }

    private static SpeedTable table(String model, Shape input, int batch, int warmup, int rounds, int roundSteps,
            List<String> runners, Map<String, List<Double>> rates, Map<String, Double> memory,
            Map<String, String> errors) {
        Map<String, Spread> spreads = new LinkedHashMap<>();
        runners.stream().filter(r -> !errors.containsKey(r) && !rates.get(r).isEmpty())
                .forEach(r -> spreads.put(r, Spread.of(rates.get(r))));
        List<SpeedTable.SpeedRow> rows = new ArrayList<>();
        Spread reference = spreads.get(REFERENCE);
        for (String r : runners) {
            Spread s = spreads.get(r);
            if (s == null) {
                rows.add(new SpeedTable.SpeedRow(r, null, null, null, null, errors.getOrDefault(r, "no timed round")));
                continue;
            }
            Spread hand = r.startsWith(SpeedRunner.HAND_WRITTEN) ? null : spreads.get(SpeedRunner.HAND_WRITTEN + r);
            rows.add(new SpeedTable.SpeedRow(r, s, reference == null ? null : s.median() / reference.median(),
                    hand == null ? null : s.median() / hand.median(), memory.get(r), null));
        }
        String method = String.format(Locale.ROOT, "each runner in its own process, %d warm-up steps, then %d rounds of %d"
                + " steps rotating which runner goes first; median, slowest and fastest round", warmup, rounds,
                roundSteps);
        return new SpeedTable(model, input.toString(), batch, method, rows);
    }

    /** True when {@link #PYTHON} exists and imports torch (Debian: {@code apt-get install python3-torch}). */
    static boolean pythonHasTorch() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> pythonCommand(Path dir, int batch, Shape input, int warmup) throws IOException {
        Path script = dir.resolve("resnet20_speed_runner.py");
        try (var in = SpeedCompare.class.getResourceAsStream("/python/resnet20_speed_runner.py")) {
            Files.write(script, in.readAllBytes());
        }
        return List.of(PYTHON, script.toString(), "--batch", Integer.toString(batch), "--input", input.toString(),
                "--warmup", Integer.toString(warmup), "--seed", "1");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("zoo-speed");
        } catch (IOException e) {
            throw new UncheckedIOException("speed: cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}

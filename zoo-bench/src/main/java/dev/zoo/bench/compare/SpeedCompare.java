package dev.zoo.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code zoo compare --speed-only}: training and inference images/s of one model on synthetic
 * batches. Every backend, the hand-written network of its engine where there is one, and the same
 * network in Python PyTorch (built from its architecture file) when {@code /usr/bin/python3} has
 * torch, each in its own process, all started together and then timed in rounds that rotate which
 * runner goes first and alternate the direction of the rotation, so whatever else the machine does
 * weighs on every runner alike and no runner always follows the same neighbour. Only one runner
 * computes at a time, and each settles for {@link SpeedPlan#settleSteps} untimed steps before its
 * timed ones.
 */
public final class SpeedCompare {

    /** The runner every ratio is taken to. */
    public static final String REFERENCE = "djl-pytorch";

    /** The peer row of the same network in Python PyTorch, when {@link #PYTHON} can import torch. */
    public static final String PYTHON_PYTORCH = "python-pytorch";

    /** The Python whose PyTorch is the peer row. */
    static final String PYTHON = "/usr/bin/python3";

    private final Consumer<String> progress;

    public SpeedCompare(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * As {@link #run(String, Shape, List, SpeedPlan)}, and then writes the report of the table into the
     * comparison folder {@code out} (checked before anything runs).
     */
    public SpeedTable run(String model, Shape input, List<String> backends, SpeedPlan plan, Path out) {
        ComparisonFolder folder = ComparisonFolder.create(out);
        try {
            long start = System.nanoTime();
            SpeedTable t = run(model, input, backends, plan);
            Comparison c = new Comparison(model + " training speed on " + String.join(", ", backends),
                    "synthetic batches of " + plan.batch() + " x " + input + ", SGD (momentum 0.9, weight decay 0.0005)",
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
     * Times {@code model} at {@code input} on {@code backends} and their hand-written twins as
     * {@code plan} says. Every runner starts {@link SpeedPlan#forks} processes; each round times
     * every process once, rotating which goes first, and a runner's figures pool the rounds of all
     * its processes.
     */
    public SpeedTable run(String model, Shape input, List<String> backends, SpeedPlan plan) {
        backends.forEach(Backends::get);
        Architecture architecture = ModelZoo.build(model, input, 10);
        List<String> runners = new ArrayList<>();
        for (String b : backends) {
            runners.add(b);
            if (HandWrittenNetworks.supports(b, model)) {
                runners.add(SpeedRunner.HAND_WRITTEN + b);
            }
        }
        if (pythonHasTorch()) {
            runners.add(PYTHON_PYTORCH);
        }
        TrainingConfig config = TrainingConfig.builder().batchSize(plan.batch()).seed(1)
                .optimizer(new dev.zoo.api.backend.Optimizer.Sgd(0.9, false, 5e-4)).build();
        List<Fork> forks = new ArrayList<>();
        for (int f = 1; f <= plan.forks(); f++) {
            for (String r : runners) {
                forks.add(new Fork(r, f, plan.forks() == 1 ? r : r + " #" + f));
            }
        }
        Path dir = tempDir();
        Map<Fork, ChildProcess> children = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<Fork, List<Double>> roundsOf = new LinkedHashMap<>();
        forks.forEach(f -> roundsOf.put(f, new ArrayList<>()));
        Map<String, Double> memory = new LinkedHashMap<>();
        Map<String, List<Double>> inference = new LinkedHashMap<>();
        runners.forEach(r -> inference.put(r, new ArrayList<>()));
        try {
            List<String> python = runners.contains(PYTHON_PYTORCH)
                    ? pythonCommand(dir, architecture, plan.batch(), plan.warmup()) : List.of();
            // one process starts and warms up at a time, so none warms up while another is timed
            for (Fork f : forks) {
                if (errors.containsKey(f.runner())) {
                    continue; // its first process failed: the others would only warm up unwatched
                }
                Path log = dir.resolve(f.file() + ".log");
                if (f.runner().equals(PYTHON_PYTORCH)) {
                    children.put(f, ChildProcess.start(python, log));
                } else {
                    Path job = dir.resolve(f.file() + ".json");
                    TrainingJson.mapper().writeValue(job.toFile(), new WorkerJob("speed", f.runner(), model, null, config,
                            null, null, input.toString(), plan.warmup()));
                    children.put(f, ChildProcess.start(job, log));
                }
                progress.accept(f.name() + ": warming up (" + plan.warmup() + " steps"
                        + (f.runner().equals(PYTHON_PYTORCH) ? ")" : ", then until the JIT compiler settles)"));
                JsonNode ready = children.get(f).until("ready", e -> { });
                if (ready == null) {
                    failed(f, children.get(f).finishUnanswered(), errors, children);
                } else if (ready.has("warmupSteps")) {
                    progress.accept(String.format(Locale.ROOT, "%s: ready after %d warm-up steps (%s)", f.name(),
                            ready.path("warmupSteps").asInt(), ready.path("compileMillis").asLong() < 0
                                    ? "compiler time not known"
                                    : "JIT compiled for " + ready.path("compileMillis").asLong() + " ms"
                                            + (ready.path("settled").asBoolean() ? "" : ", still compiling after "
                                                    + (int) WarmUp.MAX_SECONDS + " s")));
                }
            }
            for (int round = 0; round < plan.rounds(); round++) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d/%d:", round + 1,
                        plan.rounds()));
                timedRound(forks, round, "round ", plan, "round", children, errors, (f, rate) -> {
                    roundsOf.get(f).add(rate);
                    line.append(String.format(Locale.ROOT, " %s %,.0f", f.name(), rate));
                });
                progress.accept(line + " images/s");
                // as many batches through every runner's inference pass, in the same rotation
                timedRound(forks, round, SpeedRunner.PREDICT, plan, "predicted", children, errors,
                        (f, rate) -> inference.get(f.runner()).add(rate));
            }
            for (Fork f : forks) {
                if (errors.containsKey(f.runner())) {
                    continue;
                }
                ChildProcess child = children.get(f);
                child.send("end");
                JsonNode m = child.until("memory", e -> { });
                if (m != null) {
                    memory.merge(f.runner(), m.path("peakRssMb").asDouble(), Math::max);
                }
                String error = child.finish();
                if (error != null) {
                    errors.put(f.runner(), error);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("speed: cannot write a job into " + dir + ": " + e.getMessage(), e);
        } finally {
            children.values().forEach(ChildProcess::close);
            delete(dir);
        }
        return table(model, input, plan, runners, roundsOf, inference, memory, errors);
    }

    /**
     * Sends {@code command} with {@link SpeedPlan#roundSteps} to every live process in the order
     * {@link #order} gives for {@code round}, waits for its {@code event} and hands over its images/s;
     * the same command with {@link SpeedPlan#settleSteps} goes first, untimed. A process that answers
     * with no images (a network without that pass) gives no figure, one that dies fails its runner.
     */
    private void timedRound(List<Fork> forks, int round, String command, SpeedPlan plan, String event,
            Map<Fork, ChildProcess> children, Map<String, String> errors, BiConsumer<Fork, Double> rate) {
        for (int k : order(forks.size(), round)) {
            Fork f = forks.get(k);
            if (errors.containsKey(f.runner())) {
                continue;
            }
            ChildProcess child = children.get(f);
            JsonNode done = null;
            for (int steps : plan.settleSteps() > 0 ? new int[] {plan.settleSteps(), plan.roundSteps()}
                    : new int[] {plan.roundSteps()}) {
                child.send(command + steps);
                done = child.until(event, e -> { });
                if (done == null) {
                    break;
                }
            }
            if (done == null) {
                failed(f, child.finishUnanswered(), errors, children);
            } else if (done.path("images").asLong() > 0) {
                rate.accept(f, done.path("images").asDouble() / done.path("seconds").asDouble());
            }
        }
    }

    /**
     * The order in which round {@code round} visits {@code n} processes: starting at process
     * {@code round mod n}, up the list in even rounds and down it in odd ones. Rotating alone would
     * keep every process behind the same neighbour in every round (a hand-written network always
     * right after its compiled twin); alternating puts each behind either neighbour in turn.
     */
    static int[] order(int n, int round) {
        int[] out = new int[n];
        int step = round % 2 == 0 ? 1 : n - 1;
        for (int k = 0; k < n; k++) {
            out[k] = (round + k * step) % n;
        }
        return out;
    }

    /** Process {@code index} of a runner: {@code name} tells it apart from the runner's other processes. */
    private record Fork(String runner, int index, String name) {
        String file() {
            return name.replace(':', '-').replace(" #", "-");
        }
    }

    /** Records why {@code f} failed and stops its runner's other processes, which are no longer timed. */
    private void failed(Fork f, String error, Map<String, String> errors, Map<Fork, ChildProcess> children) {
        errors.put(f.runner(), error);
        progress.accept(f.name() + ": FAILED: " + error);
        children.forEach((other, child) -> {
            if (other.runner().equals(f.runner())) {
                child.close();
            }
        });
    }

    private static SpeedTable table(String model, Shape input, SpeedPlan plan, List<String> runners,
            Map<Fork, List<Double>> roundsOf, Map<String, List<Double>> inference, Map<String, Double> memory,
            Map<String, String> errors) {
        Map<String, Spread> spreads = new LinkedHashMap<>();
        for (String r : runners) {
            // a runner's figures pool the rounds of all its processes
            List<Double> pooled = roundsOf.entrySet().stream().filter(e -> e.getKey().runner().equals(r))
                    .flatMap(e -> e.getValue().stream()).toList();
            if (!errors.containsKey(r) && !pooled.isEmpty()) {
                spreads.put(r, Spread.of(pooled));
            }
        }
        List<SpeedTable.SpeedRow> rows = new ArrayList<>();
        Spread reference = spreads.get(REFERENCE);
        for (String r : runners) {
            Spread s = spreads.get(r);
            if (s == null) {
                rows.add(new SpeedTable.SpeedRow(r, null, null, null, null, errors.getOrDefault(r, "no timed round"),
                        null));
                continue;
            }
            Spread hand = r.startsWith(SpeedRunner.HAND_WRITTEN) ? null : spreads.get(SpeedRunner.HAND_WRITTEN + r);
            rows.add(new SpeedTable.SpeedRow(r, s, reference == null ? null : pairedRatio(roundsOf, r, REFERENCE),
                    hand == null ? null : pairedRatio(roundsOf, r, SpeedRunner.HAND_WRITTEN + r), memory.get(r), null,
                    inference.get(r).isEmpty() ? null : Spread.of(inference.get(r))));
        }
        String method = String.format(Locale.ROOT, "each runner in %d process%s of its own, %d warm-up steps (on a JVM, more until its JIT compiler settles), then %d"
                + " rounds of %d steps in every process after %d untimed, rotating which goes first and alternating the"
                + " direction; median, slowest and fastest round; a ratio is the median of the round-by-round ratios of the runners' processes paired by number",
                plan.forks(), plan.forks() == 1 ? "" : "es", plan.warmup(), plan.rounds(), plan.roundSteps(),
                plan.settleSteps());
        return new SpeedTable(model, input.toString(), plan.batch(), method, rows);
    }

    /**
     * {@code runner}'s speed over {@code other}'s: the median, over every round and process number
     * {@code i}, of the ratio between process {@code i} of each in that round. The two were timed in
     * the same round, so a load that came and went between rounds weighs on both sides of each
     * ratio; pooled medians taken apart would set a fast round of one against a slow round of the
     * other.
     */
    private static Ratio pairedRatio(Map<Fork, List<Double>> roundsOf, String runner, String other) {
        Map<Integer, List<Double>> mine = new LinkedHashMap<>();
        Map<Integer, List<Double>> theirs = new LinkedHashMap<>();
        roundsOf.forEach((f, rounds) -> {
            if (f.runner().equals(runner)) {
                mine.put(f.index(), rounds);
            }
            if (f.runner().equals(other)) {
                theirs.put(f.index(), rounds);
            }
        });
        return pairedRatio(mine, theirs);
    }

    /**
     * The median of {@code a.get(i).get(k) / b.get(i).get(k)} over every process {@code i} and round
     * {@code k} both have, with its interval.
     */
    static Ratio pairedRatio(Map<Integer, List<Double>> a, Map<Integer, List<Double>> b) {
        List<Double> ratios = new ArrayList<>();
        a.forEach((i, rounds) -> {
            List<Double> others = b.getOrDefault(i, List.of());
            for (int k = 0; k < Math.min(rounds.size(), others.size()); k++) {
                ratios.add(rounds.get(k) / others.get(k));
            }
        });
        return Ratio.of(ratios);
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

    /**
     * The Python peer: the same architecture, from its file, checked against the zoo's trainable
     * parameter count. Written once for all its processes: rewriting the script while an earlier
     * process was still reading it gave that process an empty script, which exits with code 0.
     */
    private static List<String> pythonCommand(Path dir, Architecture architecture, int batch, int warmup)
            throws IOException {
        Path script = dir.resolve("zoo_speed_runner.py");
        try (var in = SpeedCompare.class.getResourceAsStream("/python/zoo_speed_runner.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path file = dir.resolve("architecture.json");
        ArchitectureJson.write(architecture, file);
        return List.of(PYTHON, script.toString(), "--architecture", file.toString(), "--parameters",
                Long.toString(architecture.trainableParameterCount()), "--batch", Integer.toString(batch),
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

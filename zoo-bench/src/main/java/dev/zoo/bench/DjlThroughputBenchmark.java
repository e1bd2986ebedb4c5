package dev.zoo.bench;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Training images/s of ResNet-20 compiled by zoo-djl versus the same network written by hand in
 * DJL and trained with DJL's Trainer, in one JVM, in alternating rounds so that whatever else the
 * machine does weighs on both alike; then the same network in Python PyTorch when it is installed.
 *
 * <pre>java -cp ... dev.zoo.bench.DjlThroughputBenchmark [--engine PyTorch|MXNet] [--batch 64]
 *     [--rounds 4] [--steps 5] [--warmup 3] [--input 3x32x32] [--python /usr/bin/python3|none]</pre>
 */
public final class DjlThroughputBenchmark {

    private DjlThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        BenchArgs a = new BenchArgs(args);
        String engine = a.get("engine", "PyTorch");
        String backendId = engine.equalsIgnoreCase("MXNet") ? "djl-mxnet" : "djl-pytorch";
        int batchSize = a.integer("batch", 64);
        int rounds = a.integer("rounds", 4);
        int steps = a.integer("steps", 5);
        int warmup = a.integer("warmup", 3);
        Shape input = Shape.parse(a.get("input", "3x32x32"));
        Architecture architecture = ModelZoo.build("resnet20", input, 10);
        Batch[] batches = new Batch[4];
        Random random = new Random(1);
        for (int i = 0; i < batches.length; i++) {
            float[] x = new float[Math.toIntExact(batchSize * input.size())];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            int[] y = random.ints(batchSize, 0, 10).toArray();
            batches[i] = new Batch(x, y, batchSize, input);
        }
        System.out.printf("ResNet-20 training throughput, %s, batch %d of %s, SGD momentum 0.9 wd 5e-4, %d CPUs%n",
                backendId, batchSize, input, Runtime.getRuntime().availableProcessors());
        System.out.printf("method: %d warm-up steps each, then %d rounds of %d steps each, alternating which goes"
                + " first; images/s = images / wall time summed over rounds%n", warmup, rounds, steps);
        NetworkOptions options = NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 5e-4));
        try (Network zoo = Backends.get(backendId).compile(architecture, options);
                HandWrittenTrainer hand = new HandWrittenTrainer(engine, HandWrittenResNet20.build(10), input,
                        batchSize, 0.05f)) {
            long handParameters = hand.parameterCount();
            System.out.printf("parameters: compiled %d (zoo-api's count %d), hand-written %d%n",
                    zoo.exportWeights().asMap().values().stream().mapToLong(t -> t.size()).sum(),
                    architecture.parameterCount(), handParameters);
            if (handParameters != architecture.parameterCount()) {
                throw new IllegalStateException("the hand-written network is not the zoo's resnet20: "
                        + handParameters + " parameters instead of " + architecture.parameterCount());
            }
            Runnable zooStep = stepper(batches, b -> zoo.trainStep(b, 0.05));
            Runnable handStep = stepper(batches, b -> hand.step(b.images(), b.labels()));
            for (int i = 0; i < warmup; i++) {
                zooStep.run();
                handStep.run();
            }
            long zooNanos = 0;
            long handNanos = 0;
            for (int r = 0; r < rounds; r++) {
                long z;
                long h;
                if (r % 2 == 0) {
                    z = time(zooStep, steps);
                    h = time(handStep, steps);
                } else {
                    h = time(handStep, steps);
                    z = time(zooStep, steps);
                }
                zooNanos += z;
                handNanos += h;
                System.out.printf("round %d: compiled %.1f images/s, hand-written %.1f images/s%n", r + 1,
                        rate(batchSize * steps, z), rate(batchSize * steps, h));
            }
            double zooRate = rate((long) batchSize * steps * rounds, zooNanos);
            double handRate = rate((long) batchSize * steps * rounds, handNanos);
            System.out.printf("compiled by zoo-djl: %.1f images/s%n", zooRate);
            System.out.printf("hand-written DJL:    %.1f images/s%n", handRate);
            System.out.printf("ratio compiled / hand-written: %.3f (target >= 0.95)%n", zooRate / handRate);
            String python = a.get("python", "/usr/bin/python3");
            if (!python.equals("none")) {
                Double py = pythonRate(python, batchSize, input, warmup, steps * rounds);
                if (py == null) {
                    System.out.println("python pytorch: not run (python3-torch not installed)");
                } else {
                    System.out.printf("python pytorch %s: %.1f images/s (measured after the JVM runs, same threads)%n",
                            "1.13", py);
                    System.out.printf("ratio compiled / python pytorch: %.3f%n", zooRate / py);
                }
            }
        }
    }

    private interface BatchStep {
        void run(Batch batch);
    }

    private static Runnable stepper(Batch[] batches, BatchStep step) {
        int[] next = {0};
        return () -> step.run(batches[next[0]++ % batches.length]);
    }

    private static long time(Runnable step, int steps) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        return System.nanoTime() - start;
    }

    private static double rate(long images, long nanos) {
        return images / (nanos / 1e9);
    }

    private static Double pythonRate(String python, int batch, Shape input, int warmup, int steps)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(python))) {
            return null;
        }
        Path script = Files.createTempFile("resnet20_throughput", ".py");
        try {
            try (var in = DjlThroughputBenchmark.class.getResourceAsStream("/python/resnet20_throughput.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process p = new ProcessBuilder(python, script.toString(), "--batch", String.valueOf(batch), "--input",
                    input.toString(), "--warmup", String.valueOf(warmup), "--steps", String.valueOf(steps),
                    "--threads", String.valueOf(Runtime.getRuntime().availableProcessors()))
                    .redirectErrorStream(true).start();
            Double result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("images_per_second=")) {
                        result = Double.parseDouble(line.substring("images_per_second=".length()));
                    } else if (line.contains("No module named 'torch'")) {
                        return null;
                    } else {
                        System.out.println("  python: " + line);
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0 || result == null) {
                throw new IllegalStateException("python benchmark exited with " + code + " and no result");
            }
            return result;
        } finally {
            Files.deleteIfExists(script);
        }
    }
}

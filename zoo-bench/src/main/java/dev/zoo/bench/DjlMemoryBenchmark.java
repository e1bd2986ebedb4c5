package dev.zoo.bench;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.util.Random;

/**
 * Resident memory of a long ResNet-20 training run on a zoo-djl backend: VmRSS after a warm-up,
 * then every few hundred steps, and the growth over the measured steps (target: under 100 MB for
 * 2,000 steps).
 *
 * <pre>java -cp ... dev.zoo.bench.DjlMemoryBenchmark [--backend djl-pytorch|djl-mxnet] [--steps 2000]
 *     [--warmup 100] [--batch 16] [--input 3x32x32]</pre>
 */
public final class DjlMemoryBenchmark {

    private DjlMemoryBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        BenchArgs a = new BenchArgs(args);
        String backendId = a.get("backend", "djl-pytorch");
        int steps = a.integer("steps", 2000);
        int warmup = a.integer("warmup", 100);
        int batchSize = a.integer("batch", 16);
        Shape input = Shape.parse(a.get("input", "3x32x32"));
        Architecture architecture = ModelZoo.build("resnet20", input, 10);
        Random random = new Random(3);
        Batch[] batches = new Batch[8];
        for (int i = 0; i < batches.length; i++) {
            float[] x = new float[Math.toIntExact(batchSize * input.size())];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            batches[i] = new Batch(x, random.ints(batchSize, 0, 10).toArray(), batchSize, input);
        }
        System.out.printf("ResNet-20 resident memory, %s, batch %d of %s, SGD momentum 0.9%n", backendId, batchSize,
                input);
        System.out.printf("method: VmRSS from /proc/self/status after %d warm-up steps, then during %d steps;"
                + " warm-up and run both predict every 50 steps, as an evaluation would%n", warmup, steps);
        NetworkOptions options = NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 5e-4));
        try (Network network = Backends.get(backendId).compile(architecture, options)) {
            for (int i = 1; i <= warmup; i++) {
                network.trainStep(batches[i % batches.length], 0.01);
                if (i % 50 == 0 || i == warmup) {
                    network.predict(batches[0]);
                }
            }
            System.gc();
            double start = ResidentMemory.megabytes();
            double peak = start;
            long t0 = System.nanoTime();
            System.out.printf("after warm-up: %.1f MB%n", start);
            for (int i = 1; i <= steps; i++) {
                network.trainStep(batches[i % batches.length], 0.01);
                if (i % 50 == 0) {
                    network.predict(batches[0]);
                }
                if (i % 250 == 0) {
                    double now = ResidentMemory.megabytes();
                    peak = Math.max(peak, now);
                    System.out.printf("step %5d: %.1f MB (%+.1f MB), %.1f s%n", i, now, now - start,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            double end = ResidentMemory.megabytes();
            System.out.printf("growth over %d steps: %+.1f MB (peak %+.1f MB; target < 100 MB)%n", steps, end - start,
                    Math.max(peak, end) - start);
        }
    }
}

package dev.zoo.spark.bench;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.spark.SparkBackend;
import dev.zoo.spark.SparkContexts;
import dev.zoo.spark.SparkNetwork;
import dev.zoo.spark.SparkSettings;
import dev.zoo.spark.SyncStats;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Images per second of one process against Spark {@code local[N]} (one task thread per worker, one
 * native thread each), and what synchronising costs per step: bytes of tensor values moved and the
 * milliseconds of a round beyond its slowest task. Prints how it measured. Not a test: a number a
 * user quotes comes from here.
 *
 * <pre>OMP_NUM_THREADS=1 java $SPARK_OPENS -Dai.djl.pytorch.num_threads=1 -cp ... dev.zoo.spark.bench.SparkScalingBenchmark
 *     [--models resnet20,vgg16] [--backend djl-pytorch] [--workers 2] [--batch 32] [--steps 20] [--warmup 3]
 *     [--input 3x32x32]</pre>
 */
public final class SparkScalingBenchmark {

    private SparkScalingBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        List<String> models = List.of(a.getOrDefault("models", "resnet20,vgg16").split(","));
        String backendId = a.getOrDefault("backend", "djl-pytorch");
        int workers = Integer.parseInt(a.getOrDefault("workers", "2"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "32"));
        int steps = Integer.parseInt(a.getOrDefault("steps", "20"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "3"));
        Shape input = Shape.parse(a.getOrDefault("input", "3x32x32"));
        Backend backend = Backends.get(backendId);
        NetworkOptions options = NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 5e-4));
        System.out.printf(Locale.ROOT, "Spark data-parallel scaling, %s, batch %d (%d workers x %d), input %s, SGD momentum"
                + " 0.9, averaged every step%n", backendId, batch, workers, batch / workers, input);
        System.out.printf(Locale.ROOT, "method: %d warm-up steps, then %d timed steps on the same %d random batches; one"
                + " process vs Spark local[%d] (one task thread per worker) in this JVM; OMP_NUM_THREADS=%s,"
                + " ai.djl.pytorch.num_threads=%s; %d cores%n", warmup, steps, 4, workers, System.getenv("OMP_NUM_THREADS"),
                System.getProperty("ai.djl.pytorch.num_threads"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-9s %12s %12s %12s %14s %12s %12s %12s%n", "model", "params", "1 proc img/s",
                "spark img/s", "MB moved/step", "round ms", "slowest task", "sync ms");
        try (JavaSparkContext spark = SparkContexts.open("local[" + workers + "]", "zoo-spark-benchmark")) {
            for (String model : models) {
                Architecture architecture = ModelZoo.build(model, input, 10);
                Batch[] batches = batches(input, batch);
                double single;
                try (Network n = backend.compile(architecture, options)) {
                    single = imagesPerSecond(n, batches, warmup, steps);
                }
                double parallel;
                SyncStats stats;
                try (SparkNetwork n = (SparkNetwork) new SparkBackend(backend, spark, new SparkSettings(workers, 1))
                        .compile(architecture, options)) {
                    for (int i = 0; i < warmup; i++) {
                        n.trainStep(batches[i % batches.length], 0.01);
                    }
                    SyncStats before = n.syncStats();
                    parallel = imagesPerSecond(n, batches, 0, steps);
                    stats = minus(n.syncStats(), before);
                }
                System.out.printf(Locale.ROOT, "%-9s %,12d %,12.0f %,12.0f %,14.1f %,12.1f %,12.1f %,12.1f%n", model,
                        architecture.parameterCount(), single, parallel, stats.bytesPerRound() / 1e6, stats.roundMillis(),
                        (stats.roundMillis() - stats.overheadMillisPerRound()), stats.overheadMillisPerRound());
            }
        }
    }

    private static SyncStats minus(SyncStats a, SyncStats b) {
        return new SyncStats(a.rounds() - b.rounds(), a.broadcastBytes() - b.broadcastBytes(),
                a.collectedBytes() - b.collectedBytes(), a.roundNanos() - b.roundNanos(),
                a.slowestTaskNanos() - b.slowestTaskNanos());
    }

    private static double imagesPerSecond(Network n, Batch[] batches, int warmup, int steps) {
        for (int i = 0; i < warmup; i++) {
            n.trainStep(batches[i % batches.length], 0.01);
        }
        long t0 = System.nanoTime();
        long images = 0;
        for (int i = 0; i < steps; i++) {
            Batch b = batches[i % batches.length];
            n.trainStep(b, 0.01);
            images += b.size();
        }
        return images / ((System.nanoTime() - t0) / 1e9);
    }

    private static Batch[] batches(Shape input, int size) {
        Random random = new Random(5);
        Batch[] out = new Batch[4];
        for (int i = 0; i < out.length; i++) {
            float[] x = new float[Math.toIntExact(size * input.size())];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            out[i] = new Batch(x, random.ints(size, 0, 10).toArray(), size, input);
        }
        return out;
    }
}

package dev.zoo.bench;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.backend.Precision;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.Initializer;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the cross-backend equivalence case of one model (seed 11 weights, the 2-example batch,
 * labels 3 and 7) and, per backend, the weights after one float64 plain SGD step at rate 0.05, as
 * safetensors files, so that {@code zoo-bench/src/test/python/float64_conditioning.py} can compare
 * them with PyTorch itself. Models with dropout keep it here, unlike in the equivalence test.
 *
 * <p>Run: {@code java -cp ... dev.zoo.bench.SgdStepDump --model plain110 --size 16
 * --backends dl4j,djl-pytorch --out DIR}.
 */
public final class SgdStepDump {

    /** Seed of the start weights and of the batch, in this dump and in the equivalence test. */
    public static final long SEED = 11;

    private SgdStepDump() {
    }

    /** The equivalence case's batch: {@code size} seeded Gaussian examples, labels 3, 7, 1, 5, 9, ... */
    public static Batch batch(Architecture a, int size) {
        Random random = new Random(SEED);
        float[] x = new float[Math.toIntExact(size * a.input().size())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = (3 + 4 * i) % 10;
        }
        return new Batch(x, labels, size, a.input());
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        int size = a.integer("size", 16);
        Architecture arch = ModelZoo.build(a.get("model", "plain110"), Shape.chw(3, size, size), 10);
        Path dir = Path.of(a.get("out", "step-dump"), arch.name());
        Files.createDirectories(dir);
        Weights start = Initializer.seeded(arch, SEED);
        Batch batch = batch(arch, 2);
        SafeTensors.write(start, dir.resolve("start.safetensors"));
        SafeTensors.write(new Weights(Map.of("x", new Tensor(List.of(2, 3, size, size), batch.images()))),
                dir.resolve("batch.safetensors"));
        NetworkOptions options = NetworkOptions.defaults().withOptimizer(Optimizer.Sgd.plain()).withSeed(11)
                .withPrecision(Precision.FLOAT64);
        for (String backend : a.get("backends", "dl4j,djl-pytorch").split(",")) {
            try (Network network = Backends.get(backend).compile(arch, options)) {
                network.importWeights(start);
                double loss = network.trainStep(batch, 0.05);
                SafeTensors.write(network.exportWeights(), dir.resolve(backend + ".safetensors"));
                System.out.println(backend + " " + arch.name() + " loss " + loss + " -> " + dir);
            }
        }
    }
}

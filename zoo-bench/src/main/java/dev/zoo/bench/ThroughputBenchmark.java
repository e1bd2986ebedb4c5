package dev.zoo.bench;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.dl4j.OneDnnHelpers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training images/s of {@code resnet20} and {@code lesson_cnn} on several runners in one JVM, in
 * alternating rounds so that whatever else the machine does weighs on all alike: any backend by id
 * (the compiled network), and the same network written by hand with DL4J's builders and trained with
 * DL4J's {@code fit} ({@code hand-dl4j}) or written with TensorFlow Java's ops
 * ({@code hand-tensorflow}). Prints the ratios compiled / djl-pytorch and compiled / hand-written,
 * and which nd4j-native binary ran (swap the classifier jar on the classpath to compare them, see
 * README).
 *
 * <pre>java -cp ... dev.zoo.bench.ThroughputBenchmark [--models resnet20,lesson_cnn] [--batch 64]
 *     [--rounds 4] [--steps 5] [--warmup 3] [--runners dl4j,hand-dl4j,djl-pytorch]
 *     (or --runners tensorflow,hand-tensorflow,djl-pytorch)</pre>
 */
public final class ThroughputBenchmark {

    private ThroughputBenchmark() {
    }

    private interface Runner extends AutoCloseable {
        void step(Batch batch);

        @Override
        void close();
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        BenchArgs a = new BenchArgs(args);
        int batchSize = a.integer("batch", 64);
        int rounds = a.integer("rounds", 4);
        int steps = a.integer("steps", 5);
        int warmup = a.integer("warmup", 3);
        List<String> runners = List.of(a.get("runners", "dl4j,hand-dl4j,djl-pytorch").split(","));
        double lr = 0.05;
        System.out.printf("training throughput, batch %d, SGD Nesterov momentum 0.9, L2 5e-4, %d CPUs%n", batchSize,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("nd4j-native: %s; OMP_NUM_THREADS=%s; native conv/batch-norm helpers %s (-D%s)%n",
                nativeBinary(), System.getenv("OMP_NUM_THREADS"), OneDnnHelpers.enabled() ? "on" : "off",
                OneDnnHelpers.PROPERTY);
        System.out.printf("method: %d warm-up steps each, then %d rounds of %d steps each, rotating which runner goes"
                + " first; images/s = images / wall time summed over rounds%n", warmup, rounds, steps);
        for (String model : a.get("models", "resnet20,lesson_cnn").split(",")) {
            Shape input = ModelZoo.entry(model).defaultInput();
            Architecture architecture = ModelZoo.build(model, input, 10);
            Batch[] batches = batches(batchSize, input);
            List<Runner> list = new ArrayList<>();
            for (String r : runners) {
                list.add(runner(r, architecture, input, lr));
            }
            try {
                long[] nanos = new long[list.size()];
                for (int i = 0; i < warmup; i++) {
                    for (Runner r : list) {
                        r.step(batches[i % batches.length]);
                    }
                }
                for (int round = 0; round < rounds; round++) {
                    StringBuilder line = new StringBuilder(model + " round " + (round + 1) + ":");
                    for (int k = 0; k < list.size(); k++) {
                        int j = (k + round) % list.size();
                        long start = System.nanoTime();
                        for (int s = 0; s < steps; s++) {
                            list.get(j).step(batches[s % batches.length]);
                        }
                        long t = System.nanoTime() - start;
                        nanos[j] += t;
                    }
                    for (int j = 0; j < list.size(); j++) {
                        line.append(String.format(" %s %.1f", runners.get(j), rate((long) batchSize * steps * (round + 1),
                                nanos[j])));
                    }
                    System.out.println(line + " images/s (cumulative)");
                }
                double[] rates = new double[list.size()];
                for (int j = 0; j < list.size(); j++) {
                    rates[j] = rate((long) batchSize * steps * rounds, nanos[j]);
                    System.out.printf("%s %s (%s): %.1f images/s%n", model, runners.get(j), input, rates[j]);
                }
                ratio(model, runners, rates, "dl4j", "djl-pytorch", "");
                ratio(model, runners, rates, "dl4j", "hand-dl4j", " (target >= 0.95)");
                ratio(model, runners, rates, "tensorflow", "djl-pytorch", " (target >= 0.9)");
                ratio(model, runners, rates, "tensorflow", "hand-tensorflow", " (target >= 0.95)");
            } finally {
                list.forEach(Runner::close);
            }
        }
    }

    private static void ratio(String model, List<String> runners, double[] rates, String a, String b, String note) {
        int i = runners.indexOf(a);
        int j = runners.indexOf(b);
        if (i >= 0 && j >= 0) {
            System.out.printf("%s ratio %s / %s: %.3f%s%n", model, a, b, rates[i] / rates[j], note);
        }
    }

    private static String nativeBinary() {
        String path = "?";
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("nd4j-native-") && entry.contains("linux")) {
                path = entry.substring(entry.lastIndexOf('/') + 1);
            }
        }
        return path + ", " + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor", "");
    }

    private static Runner runner(String id, Architecture architecture, Shape input, double lr) {
        if (id.equals("hand-tensorflow")) {
            HandWrittenTensorflow net = switch (architecture.name()) {
                case "resnet20" -> HandWrittenTensorflow.resnet20(input, architecture.classes(), lr);
                case "lesson_cnn" -> HandWrittenTensorflow.lessonCnn(input, architecture.classes(), lr);
                default -> throw new IllegalArgumentException("no hand-written TensorFlow version of " + architecture.name());
            };
            return new Runner() {
                @Override
                public void step(Batch b) {
                    net.step(b);
                }

                @Override
                public void close() {
                    net.close();
                }
            };
        }
        if (id.equals("hand-dl4j")) {
            ComputationGraph graph = switch (architecture.name()) {
                case "resnet20" -> HandWrittenDl4j.resnet20(input, architecture.classes(), lr);
                case "lesson_cnn" -> HandWrittenDl4j.lessonCnn(input, architecture.classes(), lr);
                default -> throw new IllegalArgumentException("no hand-written DL4J version of " + architecture.name());
            };
            return new Runner() {
                @Override
                public void step(Batch b) {
                    INDArray x = Nd4j.create(b.images(), new long[] {b.size(), input.channels(), input.height(),
                            input.width()}, 'c');
                    INDArray y = Nd4j.zeros(b.size(), architecture.classes());
                    for (int i = 0; i < b.size(); i++) {
                        y.putScalar(i, b.labels()[i], 1.0);
                    }
                    graph.fit(new MultiDataSet(x, y));
                }

                @Override
                public void close() {
                    graph.close();
                }
            };
        }
        Network network = Backends.get(id).compile(architecture,
                NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, true, 5e-4)));
        return new Runner() {
            @Override
            public void step(Batch b) {
                network.trainStep(b, lr);
            }

            @Override
            public void close() {
                network.close();
            }
        };
    }

    private static Batch[] batches(int size, Shape input) {
        Random random = new Random(1);
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

    private static double rate(long images, long nanos) {
        return images / (nanos / 1e9);
    }
}

package dev.zoo.datasets.bench;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link PipelineBenchmark} in one forked JVM and prints images/s and how they were measured. */
public final class PipelineBenchmarkMain {

    private PipelineBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder().include(PipelineBenchmark.class.getName()).forks(1).threads(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(TimeValue.seconds(2)).jvmArgsAppend("-XX:ActiveProcessorCount=1", "-Xmx1g").build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("zoo-datasets pipeline benchmark: JMH throughput, 1 fork, 1 benchmark thread, JVM with"
                + " -XX:ActiveProcessorCount=1, 3 x 2 s warm-up, 5 x 2 s measured; one operation = one 3x32x32 image"
                + " (epochs of " + PipelineBenchmark.IMAGES + " CIFAR-10 records, batches of " + PipelineBenchmark.BATCH
                + ", no prefetch thread). Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores visible to the launcher.");
        double augmented = 0;
        double plain = 0;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            System.out.printf("  %-20s %,12.0f images/s  (+- %,.0f, 99.9%% CI)%n", name, score, error);
            if (name.equals("decodeAugmentBatch")) {
                augmented = score;
            } else if (name.equals("decodeBatch")) {
                plain = score;
            }
        }
        if (augmented > 0 && plain > 0) {
            System.out.printf("  augmentation costs %.2fx the plain path's time (same run, same JVM)%n", plain / augmented);
            System.out.printf("  target >= 20,000 images/s for decode + augment + batch: %s%n",
                    augmented >= 20_000 ? "met" : "NOT met");
        }
    }
}

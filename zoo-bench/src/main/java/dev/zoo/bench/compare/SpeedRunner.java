package dev.zoo.bench.compare;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.bench.HandWrittenNetworks;
import dev.zoo.bench.ResidentMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The child side of {@code zoo compare --speed-only}: trains one runner on synthetic batches, a
 * round of steps each time the parent says {@code round N} on standard input, so the parent can
 * alternate rounds between runners in different JVMs ({@code predict N} times N batches of inference
 * instead, answered with zero images by a network that has no inference pass). A runner is a backend id, or
 * {@code hand-written:BACKEND} for the network written by hand in that backend's engine.
 */
final class SpeedRunner {

    static final String HAND_WRITTEN = "hand-written:";
    /** The command of an inference round: {@code predict N} times N batches through the inference pass. */
    static final String PREDICT = "predict ";
    private static final double LR = 0.05;
    private static final int CLASSES = 10;

    private SpeedRunner() {
    }

    static void serve(WorkerJob job, WorkerChannel channel, InputStream commands) throws IOException {
        Shape input = Shape.parse(job.input());
        int batch = job.config().batchSize();
        Batch[] batches = batches(batch, input, job.config().seed());
        try (HandWrittenNetworks.Stepper stepper = stepper(job, input, batch)) {
            int[] warm = {0};
            WarmUp.Result w = WarmUp.run(() -> {
                Batch b = batches[warm[0]++ % batches.length];
                stepper.step(b);
                stepper.predict(b); // the inference rounds' code compiles during the warm-up too
            }, job.warmup());
            channel.send("ready", "warmupSteps", w.steps(), "compileMillis", w.compileMillis(), "settled", w.settled());
            BufferedReader in = new BufferedReader(new InputStreamReader(commands, StandardCharsets.UTF_8));
            int next = 0;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("end")) {
                    break;
                }
                if (line.startsWith(PREDICT)) {
                    int steps = Integer.parseInt(line.substring(PREDICT.length()));
                    long start = System.nanoTime();
                    long images = 0;
                    for (int s = 0; s < steps; s++) {
                        images += stepper.predict(batches[s % batches.length]) == null ? 0 : batch;
                    }
                    channel.send("predicted", "seconds", (System.nanoTime() - start) / 1e9, "images", images);
                    continue;
                }
                int steps = Integer.parseInt(line.substring("round ".length()));
                long start = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    stepper.step(batches[next++ % batches.length]);
                }
                stepper.finish(); // the round's last step done, not only queued
                channel.send("round", "seconds", (System.nanoTime() - start) / 1e9, "images", (long) steps * batch);
            }
            channel.send("memory", "peakRssMb", ResidentMemory.peakMegabytes());
        }
    }

    private static HandWrittenNetworks.Stepper stepper(WorkerJob job, Shape input, int batch) {
        String runner = job.backend();
        if (runner.startsWith(HAND_WRITTEN)) {
            String backend = runner.substring(HAND_WRITTEN.length());
            return HandWrittenNetworks.of(backend, job.model(), input, CLASSES, batch, LR, job.config().seed())
                    .orElseThrow(() -> new IllegalArgumentException("speed: no hand-written " + job.model() + " for "
                            + backend));
        }
        Architecture architecture = ModelZoo.build(job.model(), input, CLASSES);
        Network network = Backends.get(runner).compile(architecture, job.config().networkOptions());
        return new HandWrittenNetworks.Stepper() {
            private long steps;

            /** A step as {@code zoo train} runs it: gradient norms only on the steps whose norms it logs. */
            @Override
            public void step(Batch b) {
                network.recordGradientNorms(++steps % TrainingConfig.LOGGED_NORMS_EVERY_STEPS == 0);
                network.trainStep(b, LR);
            }

            @Override
            public float[] predict(Batch b) {
                return network.predict(b);
            }

            @Override
            public void finish() {
                HandWrittenNetworks.drain(runner);
            }

            @Override
            public void close() {
                network.close();
            }
        };
    }

    /** Four seeded batches of Gaussian images and uniform labels, reused in turn. */
    static Batch[] batches(int size, Shape input, long seed) {
        Random random = new Random(seed);
        Batch[] out = new Batch[4];
        for (int i = 0; i < out.length; i++) {
            float[] x = new float[Math.toIntExact(size * input.size())];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextGaussian();
            }
            out[i] = new Batch(x, random.ints(size, 0, CLASSES).toArray(), size, input);
        }
        return out;
    }
}

package dev.zoo.bench.compare;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.EpochEvent;
import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.Evaluator;
import dev.zoo.api.train.StepEvent;
import dev.zoo.api.train.Trainer;
import dev.zoo.api.train.TrainingJson;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingResult;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.bench.ResidentMemory;
import dev.zoo.datasets.Dataset;
import dev.zoo.datasets.Datasets;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of a comparison's child JVM: runs one {@link WorkerJob} ({@code java ...
 * CompareWorker job.json}), tells the parent its progress on standard output and writes its result
 * file. It exits 1 after an {@code error} event naming what failed.
 *
 * <p>For tests of failure handling, the system property {@code zoo.compare.fail=BACKEND@STEP} (the
 * parent passes it on to its children) makes the training of that backend throw after that many
 * steps, as an engine failing mid-run would.
 */
public final class CompareWorker {

    /** System property that injects a mid-run failure: {@code BACKEND@STEP}. */
    public static final String FAIL_PROPERTY = "zoo.compare.fail";

    /** The architecture file a training worker writes beside its weights. */
    static final String ARCHITECTURE_FILE = "architecture.json";

    private CompareWorker() {
    }

    public static void main(String[] args) {
        PrintStream events = System.out;
        // engines that print to standard output must not mix with the events: their lines go to the log
        System.setOut(System.err);
        WorkerChannel channel = new WorkerChannel(events);
        try {
            if (args.length != 1) {
                throw new IllegalArgumentException("usage: CompareWorker JOB.json");
            }
            WorkerJob job = TrainingJson.mapper().readValue(Path.of(args[0]).toFile(), WorkerJob.class);
            switch (job.task()) {
                case "train" -> train(job, channel);
                case "evaluate" -> evaluate(job, channel);
                case "speed" -> SpeedRunner.serve(job, channel, System.in);
                default -> throw new IllegalArgumentException("compare worker: unknown task '" + job.task()
                        + "'; tasks: train, evaluate, speed");
            }
            channel.send("done");
            System.exit(0);
        } catch (Throwable e) {
            channel.send("error", "message", message(e));
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** The exception's message, with its cause's when that says more. */
    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m += " (" + c.getMessage() + ")";
        }
        return m;
    }

    private static void train(WorkerJob job, WorkerChannel channel) throws IOException {
        Backend backend = Backends.get(job.backend());
        Dataset data = Datasets.open(job.data().dataset(), job.data().options());
        Architecture architecture = ModelZoo.build(job.model(), data.train().itemShape(), data.train().classes());
        StepRounds rounds = new StepRounds(StepRounds.roundSteps(data.train().batchCount(job.config().batchSize())));
        List<EpochFigures> epochs = new ArrayList<>();
        Path result = Path.of(job.result());
        Path weights = result.resolveSibling("weights.safetensors");
        // the weights' own architecture beside them: the cross-evaluation rebuilds from it, not from the zoo name
        ArchitectureJson.write(architecture, result.resolveSibling(ARCHITECTURE_FILE));
        try (TimedPredictions network = new TimedPredictions(backend.compile(architecture,
                job.config().networkOptions()))) {
            Trainer trainer = new Trainer(network, job.config()).listener(rounds)
                    .listener(new Progress(channel, job.config().epochs(), epochs)).listener(failure(job.backend()));
            TrainingResult trained = trainer.fit(data.train(), data.test());
            Evaluation last = trained.lastEvaluation();
            if (last == null) {
                last = Evaluator.evaluate(network, data.test(), job.config().batchSize());
            }
            SafeTensors.write(network.exportWeights(), weights);
            RunFigures figures = new RunFigures(job.backend(), job.model(), null, backend.description(),
                    architecture.parameterCount(), epochs, last.top1(), last.top5(), last.loss(),
                    throughput(rounds, epochs), network.imagesPerSecond(), ResidentMemory.peakMegabytes(),
                    rounds.firstStepSeconds(), ManagementFactory.getRuntimeMXBean().getUptime() / 1e3, weights.getFileName()
                            .toString());
            TrainingJson.mapper().writeValue(result.toFile(), figures);
        }
    }

    /**
     * The timed rounds; a run too short for one round after the warm-up (a few steps) gets its last
     * epoch's rate as its one figure rather than none.
     */
    private static Spread throughput(StepRounds rounds, List<EpochFigures> epochs) {
        return rounds.rates().isEmpty() && !epochs.isEmpty()
                ? Spread.of(List.of(epochs.get(epochs.size() - 1).imagesPerSecond())) : Spread.of(rounds.rates());
    }

    private static TrainingListener failure(String backend) {
        String spec = System.getProperty(FAIL_PROPERTY);
        if (spec == null || !spec.startsWith(backend + "@")) {
            return new TrainingListener() {
            };
        }
        long at = Long.parseLong(spec.substring(backend.length() + 1));
        return new TrainingListener() {
            @Override
            public void onStep(StepEvent e) {
                if (e.step() + 1 >= at) {
                    throw new IllegalStateException(backend + ": injected failure after step " + (e.step() + 1) + " ("
                            + FAIL_PROPERTY + ")");
                }
            }
        };
    }

    private static void evaluate(WorkerJob job, WorkerChannel channel) throws IOException {
        Backend backend = Backends.get(job.backend());
        Dataset data = Datasets.open(job.data().dataset(), job.data().options().augment(false));
        List<CrossEvaluation> cells = new ArrayList<>();
        for (WorkerJob.WeightsToEvaluate w : job.weights()) {
            Path stored = Path.of(w.file()).resolveSibling(ARCHITECTURE_FILE);
            Architecture architecture = Files.isRegularFile(stored) ? ArchitectureJson.read(stored)
                    : ModelZoo.build(w.model(), data.test().itemShape(), data.test().classes());
            try (Network network = backend.compile(architecture, job.config().networkOptions())) {
                network.importWeights(SafeTensors.read(Path.of(w.file())));
                Evaluation e = Evaluator.evaluate(network, data.test(), job.config().batchSize());
                CrossEvaluation cell = new CrossEvaluation(w.model(), w.weightsFrom(), job.backend(), e.top1(), e.top5(),
                        e.loss());
                cells.add(cell);
                channel.send("evaluated", "model", w.model(), "weightsFrom", w.weightsFrom(), "top1", e.top1());
            }
        }
        TrainingJson.mapper().writeValue(Path.of(job.result()).toFile(), cells);
    }

    /** Sends step and epoch events to the parent and keeps the epoch figures. */
    private static final class Progress implements TrainingListener {
        private final WorkerChannel channel;
        private final int epochs;
        private final List<EpochFigures> figures;

        Progress(WorkerChannel channel, int epochs, List<EpochFigures> figures) {
            this.channel = channel;
            this.epochs = epochs;
            this.figures = figures;
        }

        @Override
        public void onStep(StepEvent e) {
            int every = Math.max(1, e.batchesPerEpoch() / 10);
            if ((e.batch() + 1) % every == 0 || e.batch() + 1 == e.batchesPerEpoch()) {
                channel.send("step", "epoch", e.epoch() + 1, "epochs", epochs, "batch", e.batch() + 1, "batches",
                        e.batchesPerEpoch(), "loss", e.loss(), "lr", e.learningRate(), "rate", e.imagesPerSecond());
            }
        }

        @Override
        public void onEpochEnd(EpochEvent e) {
            Evaluation v = e.evaluation();
            EpochFigures f = new EpochFigures(e.epoch() + 1, e.trainLoss(), v == null ? Double.NaN : v.loss(),
                    v == null ? Double.NaN : v.top1(), v == null ? Double.NaN : v.top5(), e.seconds(),
                    e.imagesPerSecond());
            figures.add(f);
            channel.send("epoch", "figures", f);
        }
    }
}

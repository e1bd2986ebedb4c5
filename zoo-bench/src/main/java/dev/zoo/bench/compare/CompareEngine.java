package dev.zoo.bench.compare;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Backends;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.TrainingJson;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.datasets.Dataset;
import dev.zoo.datasets.Datasets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs a comparison: checks the whole request first (backends, models, data, output folder), then
 * trains every model on every backend, one child JVM at a time so no run shares a machine's cores
 * with another, then evaluates every run's final weights on every backend, and writes the report.
 * A run that fails is recorded with its reason and the others go on.
 */
public final class CompareEngine {

    private final Consumer<String> progress;

    /** Progress lines (one per event, for a person watching) go to {@code progress}. */
    public CompareEngine(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Runs {@code request} and returns what it measured; the folder is in place when this returns. */
    public Comparison run(CompareRequest request) {
        List<Backend> backends = request.backends().stream().map(Backends::get).toList();
        Dataset data = Datasets.open(request.data().dataset(), request.data().options());
        for (String model : request.models()) {
            Architecture a = ModelZoo.build(model, data.train().itemShape(), data.train().classes());
            backends.forEach(b -> b.check(a));
        }
        ComparisonFolder folder = ComparisonFolder.create(request.out());
        Thread cleanup = new Thread(folder::discard);
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            long start = System.nanoTime();
            List<RunFigures> runs = new ArrayList<>();
            int total = request.models().size() * request.backends().size();
            for (String model : request.models()) {
                for (String backend : request.backends()) {
                    String tag = String.format(Locale.ROOT, "[%d/%d] %s %s", runs.size() + 1, total, backend, model);
                    runs.add(train(request, backend, model, folder.work(), tag));
                }
            }
            List<String> problems = new ArrayList<>();
            List<CrossEvaluation> cross = crossEvaluate(request, runs, folder.work(), problems);
            Comparison comparison = new Comparison(String.join(", ", request.models()) + " on "
                    + String.join(", ", request.backends()) + ", " + request.data().dataset(),
                    Recipe.describe(request.config(), request.data()), Recipe.machine(), request.models(),
                    request.backends(), runs, cross, problems, (System.nanoTime() - start) / 1e9, null);
            ComparisonReport.write(comparison, folder.work());
            folder.commit();
            return comparison;
        } finally {
            folder.discard();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook does the cleanup
            }
        }
    }

    private RunFigures train(CompareRequest request, String backend, String model, Path work, String tag) {
        Path dir = work.resolve("runs").resolve(backend).resolve(model);
        long start = System.nanoTime();
        List<EpochFigures> epochs = new ArrayList<>();
        WorkerJob job = new WorkerJob("train", backend, model, request.data(), request.config(),
                dir.resolve("result.json").toString(), null, null, 0);
        progress.accept(tag + ": starting its own JVM");
        String error;
        try (ChildProcess child = ChildProcess.start(writeJob(dir, job), dir.resolve("child.log"))) {
            child.until("done", e -> {
                switch (e.path("kind").asText()) {
                    case "step" -> progress.accept(String.format(Locale.ROOT,
                            "%s: epoch %d/%d %3d%% %d/%d loss %.4f lr %.5f %,.0f img/s", tag, e.path("epoch").asInt(),
                            e.path("epochs").asInt(), 100 * e.path("batch").asInt() / e.path("batches").asInt(),
                            e.path("batch").asInt(), e.path("batches").asInt(), e.path("loss").asDouble(),
                            e.path("lr").asDouble(), e.path("rate").asDouble()));
                    case "epoch" -> {
                        EpochFigures f = TrainingJson.mapper().convertValue(e.path("figures"), EpochFigures.class);
                        epochs.add(f);
                        progress.accept(String.format(Locale.ROOT,
                                "%s: epoch %d: train loss %.4f, test loss %.4f, top-1 %.2f%%, %,.0f img/s, %.1f s", tag,
                                f.epoch(), f.trainLoss(), f.testLoss(), 100 * f.top1(), f.imagesPerSecond(),
                                f.seconds()));
                    }
                    default -> {
                    }
                }
            });
            error = child.finish();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (error == null) {
            try {
                RunFigures r = TrainingJson.mapper().readValue(dir.resolve("result.json").toFile(), RunFigures.class);
                r = new RunFigures(r.backend(), r.model(), null, r.engine(), r.parameters(), r.epochs(), r.top1(),
                        r.top5(), r.testLoss(), r.trainImagesPerSecond(), r.evalImagesPerSecond(), r.peakRssMb(),
                        r.firstStepSeconds(), r.seconds(), work.relativize(dir.resolve(r.weights())).toString());
                progress.accept(String.format(Locale.ROOT,
                        "%s: done in %.1f s: top-1 %.2f%%, %,.0f img/s (median of %d rounds, %,.0f-%,.0f), peak RSS %,.0f MB",
                        tag, seconds, 100 * r.top1(), r.trainImagesPerSecond().median(),
                        r.trainImagesPerSecond().rounds(), r.trainImagesPerSecond().min(),
                        r.trainImagesPerSecond().max(), r.peakRssMb()));
                return r;
            } catch (IOException | RuntimeException e) {
                error = "no readable result: " + e.getMessage();
            }
        }
        progress.accept(tag + ": FAILED: " + error);
        return RunFigures.failed(backend, model, error, epochs, seconds);
    }

    private List<CrossEvaluation> crossEvaluate(CompareRequest request, List<RunFigures> runs, Path work,
            List<String> problems) {
        List<WorkerJob.WeightsToEvaluate> weights = runs.stream().filter(RunFigures::ok)
                .map(r -> new WorkerJob.WeightsToEvaluate(r.model(), r.backend(), work.resolve(r.weights()).toString()))
                .toList();
        List<CrossEvaluation> cells = new ArrayList<>();
        if (weights.isEmpty()) {
            return cells;
        }
        for (String backend : request.backends()) {
            Path dir = work.resolve("cross-evaluation").resolve(backend);
            Path result = dir.resolve("result.json");
            WorkerJob job = new WorkerJob("evaluate", backend, null, request.data(), request.config(), result.toString(),
                    weights, null, 0);
            String tag = "cross-evaluation on " + backend;
            progress.accept(tag + ": " + weights.size() + " sets of final weights");
            String error;
            try (ChildProcess child = ChildProcess.start(writeJob(dir, job), dir.resolve("child.log"))) {
                child.until("done", e -> progress.accept(String.format(Locale.ROOT, "%s: %s weights of %s: top-1 %.2f%%",
                        tag, e.path("model").asText(), e.path("weightsFrom").asText(),
                        100 * e.path("top1").asDouble())));
                error = child.finish();
            }
            if (error == null) {
                try {
                    cells.addAll(TrainingJson.mapper().readValue(result.toFile(),
                            new TypeReference<List<CrossEvaluation>>() {
                            }));
                    continue;
                } catch (IOException e) {
                    error = "no readable result: " + e.getMessage();
                }
            }
            progress.accept(tag + ": FAILED: " + error);
            problems.add(tag + " failed: " + error);
        }
        return cells;
    }

    private static Path writeJob(Path dir, WorkerJob job) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("job.json");
            TrainingJson.mapper().writeValue(file.toFile(), job);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("compare: cannot write " + dir.resolve("job.json") + ": " + e.getMessage(), e);
        }
    }
}

package dev.zoo.api.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the metrics of a run twice, as {@code metrics.csv} for spreadsheets and
 * {@code metrics.jsonl} (one JSON object a line) for programs: a {@code step} row every
 * {@code stepEvery} steps and an {@code epoch} row (with the evaluation) at each epoch's end.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {

    static final String[] COLUMNS = {"kind", "epoch", "step", "learning_rate", "train_loss", "test_loss", "top1",
        "top5", "images_per_s", "seconds"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineLog csv;
    private final LineLog jsonl;
    private final int stepEvery;

    /** Logs into {@code directory}; appends when the files exist (a resumed run). */
    public MetricsLog(Path directory, int stepEvery) {
        if (stepEvery < 1) {
            throw new IllegalArgumentException("metrics log: step interval must be >= 1, got " + stepEvery);
        }
        this.csv = new LineLog(directory.resolve("metrics.csv"), String.join(",", COLUMNS));
        this.jsonl = new LineLog(directory.resolve("metrics.jsonl"), null);
        this.stepEvery = stepEvery;
    }

    @Override
    public void onStep(StepEvent e) {
        if ((e.step() + 1) % stepEvery == 0) {
            row("step", e.epoch(), e.step() + 1, e.learningRate(), e.loss(), null, e.imagesPerSecond(), null);
        }
    }

    @Override
    public void onEpochEnd(EpochEvent e) {
        row("epoch", e.epoch(), e.step(), null, e.trainLoss(), e.evaluation(), e.imagesPerSecond(), e.seconds());
    }

    private void row(String kind, int epoch, long step, Double lr, double trainLoss, Evaluation eval, double rate,
            Double seconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind);
        r.put("epoch", epoch);
        r.put("step", step);
        r.put("learning_rate", lr);
        r.put("train_loss", trainLoss);
        r.put("test_loss", eval == null ? null : eval.loss());
        r.put("top1", eval == null ? null : eval.top1());
        r.put("top5", eval == null ? null : eval.top5());
        r.put("images_per_s", rate);
        r.put("seconds", seconds);
        csv.line(r.values().stream().map(MetricsLog::cell).collect(Collectors.joining(",")));
        try {
            jsonl.line(JSON.writeValueAsString(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics log: cannot write a row as JSON: " + e.getMessage(), e);
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v.toString();
    }

    @Override
    public void onEnd(TrainingState state, RuntimeException failure) {
        close();
    }

    @Override
    public void close() {
        csv.close();
        jsonl.close();
    }
}

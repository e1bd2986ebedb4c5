package dev.zoo.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.api.train.RunFolder;
import dev.zoo.api.train.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run folder recorded, read back for drawing: the step and epoch rows of
 * {@code metrics.jsonl} and the per-tensor gradient norms of {@code gradient-norms.csv}.
 *
 * @param label         model on backend, or the folder's name when there is no {@code run.json}
 * @param steps         sampled steps: step number, learning rate, training loss, images/s
 * @param epochs        epoch ends: epoch (1-based), step, training loss, test loss, top-1, top-5, images/s
 * @param gradientNorms per tensor in the order the run reported them: step numbers and norms
 */
public record RunHistory(String label, List<Step> steps, List<Epoch> epochs, Map<String, List<double[]>> gradientNorms) {

    /** One sampled step. */
    public record Step(long step, double learningRate, double trainLoss, double imagesPerSecond) {
    }

    /** One epoch end; test figures are NaN when the run did not evaluate. */
    public record Epoch(int epoch, long step, double trainLoss, double testLoss, double top1, double top5,
            double imagesPerSecond) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code dir}; fails naming the folder when it holds no {@code metrics.jsonl}. */
    public static RunHistory read(Path dir) {
        Path metrics = dir.resolve("metrics.jsonl");
        if (!Files.isRegularFile(metrics)) {
            throw new IllegalArgumentException("run folder " + dir + ": no metrics.jsonl, so nothing to draw (zoo train"
                    + " --out writes one)");
        }
        RunFolder folder = new RunFolder(dir);
        String label = dir.getFileName().toString();
        if (folder.exists()) {
            RunInfo info = folder.readInfo();
            label = info.model() + " on " + info.backend() + " (" + dir.getFileName() + ")";
        }
        List<Step> steps = new ArrayList<>();
        List<Epoch> epochs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(metrics)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                if ("step".equals(row.path("kind").asText())) {
                    steps.add(new Step(row.path("step").asLong(), number(row, "learning_rate"), number(row, "train_loss"),
                            number(row, "images_per_s")));
                } else if ("epoch".equals(row.path("kind").asText())) {
                    epochs.add(new Epoch(row.path("epoch").asInt() + 1, row.path("step").asLong(),
                            number(row, "train_loss"), number(row, "test_loss"), number(row, "top1"), number(row, "top5"),
                            number(row, "images_per_s")));
                }
            }
            return new RunHistory(label, steps, epochs, norms(dir.resolve("gradient-norms.csv")));
        } catch (IOException e) {
            throw new IllegalArgumentException("run folder " + dir + ": cannot read its logs: " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static Map<String, List<double[]>> norms(Path csv) throws IOException {
        Map<String, List<double[]>> norms = new LinkedHashMap<>();
        if (!Files.isRegularFile(csv)) {
            return norms;
        }
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cells = line.split(",");
            if (cells.length == 3) {
                norms.computeIfAbsent(cells[1], k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[2])});
            }
        }
        return norms;
    }

    /** The tensors of convolution and dense kernels, input to output (biases and batch-norm scales left out). */
    public List<String> weightTensors() {
        return gradientNorms.keySet().stream().filter(LayerNormChart::isKernel).toList();
    }

    /** The mean recorded gradient norm of {@code tensor}. */
    public double meanNorm(String tensor) {
        return gradientNorms.getOrDefault(tensor, List.of()).stream().mapToDouble(p -> p[1]).average()
                .orElse(Double.NaN);
    }
}

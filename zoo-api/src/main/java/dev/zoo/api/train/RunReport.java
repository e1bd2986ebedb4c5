package dev.zoo.api.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The short {@code report.md} of a run: what was trained on what, and the numbers of every epoch. */
final class RunReport {

    private RunReport() {
    }

    /** {@code epochs} are the {@code epoch} rows of the metrics log, so a resumed run reports all its epochs. */
    static String markdown(RunInfo info, String backendDescription, long parameters, List<Map<String, Object>> epochs,
            Evaluation fin, String failure) {
        StringBuilder md = new StringBuilder();
        TrainingConfig c = info.config();
        md.append("# ").append(info.model()).append(" on ").append(info.dataset()).append("\n\n");
        md.append(String.format(Locale.ROOT, "- backend: `%s` (%s), device %s%n", info.backend(), backendDescription,
                c.device().name().toLowerCase(Locale.ROOT)));
        md.append(String.format(Locale.ROOT, "- input %s, %d classes, %,d parameters%n", info.input(),
                info.classNames().size(), parameters));
        md.append(String.format(Locale.ROOT, "- %d epoch%s, batch %d, seed %d, optimizer %s, schedule %s%n", c.epochs(),
                c.epochs() == 1 ? "" : "s", c.batchSize(), c.seed(), c.optimizer(), c.schedule()));
        if (!info.dataSettings().isEmpty()) {
            md.append("- data: ").append(info.dataSettings()).append('\n');
        }
        md.append("\n| epoch | train loss | test loss | top-1 | top-5 | images/s | seconds |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> e : epochs) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n",
                    ((Number) e.get("epoch")).intValue() + 1, number(e.get("train_loss"), "%.4f"),
                    number(e.get("test_loss"), "%.4f"), fraction(e.get("top1")), fraction(e.get("top5")),
                    number(e.get("images_per_s"), "%.0f"), number(e.get("seconds"), "%.1f")));
        }
        if (fin != null) {
            md.append(String.format(Locale.ROOT, "%nFinal test: loss %.4f, top-1 %s, top-5 %s on %,d images.%n",
                    fin.loss(), percent(fin.top1()), percent(fin.top5()), fin.examples()));
        }
        if (failure != null) {
            md.append("\nTraining stopped: ").append(failure).append('\n');
        }
        md.append("\nFiles: run.json, metrics.csv, metrics.jsonl, gradient-norms.csv, checkpoints/, weights.safetensors.\n");
        return md.toString();
    }

    private static String number(Object v, String format) {
        return v instanceof Number n ? String.format(Locale.ROOT, format, n.doubleValue()) : "";
    }

    private static String fraction(Object v) {
        return v instanceof Number n ? percent(n.doubleValue()) : "";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}

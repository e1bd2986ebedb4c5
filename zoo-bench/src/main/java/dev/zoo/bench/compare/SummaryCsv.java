package dev.zoo.bench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The CSV files of a comparison: runs, epochs and cross-evaluations, plain numbers for other tools. */
final class SummaryCsv {

    private SummaryCsv() {
    }

    static String runs(Comparison c) {
        List<String> lines = new ArrayList<>(List.of("backend,model,status,error,top1,top5,test_loss,"
                + "train_images_per_s_median,train_images_per_s_min,train_images_per_s_max,timed_rounds,"
                + "eval_images_per_s,peak_rss_mb,first_step_s,jvm_seconds,parameters"));
        for (RunFigures r : c.runs()) {
            Spread s = r.trainImagesPerSecond();
            lines.add(row(r.backend(), r.model(), r.ok() ? "ok" : "failed", r.error(), r.top1(), r.top5(), r.testLoss(),
                    s == null ? null : s.median(), s == null ? null : s.min(), s == null ? null : s.max(),
                    s == null ? null : s.rounds(), r.evalImagesPerSecond(), r.peakRssMb(), r.firstStepSeconds(),
                    r.seconds(), r.ok() ? r.parameters() : null));
        }
        return String.join("\n", lines) + "\n";
    }

    static String epochs(Comparison c) {
        List<String> lines = new ArrayList<>(List.of("backend,model,epoch,train_loss,test_loss,top1,top5,"
                + "images_per_s,seconds"));
        for (RunFigures r : c.runs()) {
            for (EpochFigures e : r.epochs()) {
                lines.add(row(r.backend(), r.model(), e.epoch(), e.trainLoss(), e.testLoss(), e.top1(), e.top5(),
                        e.imagesPerSecond(), e.seconds()));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    static String crossEvaluations(Comparison c) {
        List<String> lines = new ArrayList<>(List.of("model,weights_from,evaluated_on,top1,top5,loss"));
        for (CrossEvaluation x : c.crossEvaluations()) {
            lines.add(row(x.model(), x.weightsFrom(), x.evaluatedOn(), x.top1(), x.top5(), x.loss()));
        }
        return String.join("\n", lines) + "\n";
    }

    private static String row(Object... cells) {
        List<String> out = new ArrayList<>();
        for (Object v : cells) {
            out.add(cell(v));
        }
        return out.stream().collect(Collectors.joining(","));
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d.isNaN() ? "" : String.format(Locale.ROOT, "%.6g", d);
        }
        String s = v.toString();
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}

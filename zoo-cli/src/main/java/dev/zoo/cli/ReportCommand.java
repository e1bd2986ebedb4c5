package dev.zoo.cli;

import dev.zoo.bench.compare.ComparisonReport;
import dev.zoo.bench.report.RunHistory;
import dev.zoo.bench.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo report}: redraws the report of a run or comparison folder, or overlays several runs in one. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Redraw report.html of a training run folder (loss and accuracy curves, images/s, learning rate,"
                + " per-layer gradient norms) or of a zoo compare folder (from its summary.json).",
            "Several run folders are overlaid in one page, written to --out."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "run folders (zoo train --out) or one comparison folder")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE", description = "the page to write (default: DIR/report.html for one folder)")
    Path out;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve("summary.json"))) {
            Path dir = dirs.get(0);
            if (out != null) {
                throw new IllegalArgumentException("--out: a comparison's report is redrawn in its own folder " + dir);
            }
            ComparisonReport.write(ComparisonReport.read(dir), dir);
            w.println("report: " + dir.resolve("report.html"));
        } else {
            if (dirs.size() > 1 && out == null) {
                throw new IllegalArgumentException("--out FILE is needed to overlay " + dirs.size() + " runs in one page");
            }
            Path page = out != null ? out : dirs.get(0).resolve("report.html");
            RunReport.write(dirs.stream().map(RunHistory::read).toList(), page);
            w.println("report: " + page);
        }
        w.flush();
        return 0;
    }
}

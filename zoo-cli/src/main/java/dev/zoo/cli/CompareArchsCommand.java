package dev.zoo.cli;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.summary.Summary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo compare-archs alexnet vgg16 resnet50}: one row per model with depth, parameters and MACs. */
@Command(name = "compare-archs", mixinStandardHelpOptions = true,
        description = "Compare architectures side by side: depth (weight layers), parameters, multiply-accumulates.")
final class CompareArchsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Zoo architectures (see 'zoo list')")
    List<String> names;

    @Mixin
    ZooChoices choices;

    @Override
    public void run() {
        List<Summary> summaries = names.stream().map(n -> {
            Architecture a = choices.build(n);
            return Summary.of(a);
        }).toList();
        int width = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
        String format = "%-" + width + "s  %-9s  %7s  %5s  %,14d  %,17d  %8s%n";
        String header = "%-" + width + "s  %-9s  %7s  %5s  %14s  %17s  %8s%n";
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, header, "MODEL", "INPUT", "CLASSES", "DEPTH", "PARAMS", "MACS", "GMACS");
        for (Summary s : summaries) {
            out.printf(Locale.ROOT, format, s.name(), s.input(), s.outputShape(), s.depth(), s.totalParams(), s.macs(),
                    String.format(Locale.ROOT, "%.2f", s.macs() / 1e9));
        }
        out.flush();
    }
}

package dev.zoo.cli;

import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.summary.SummaryJson;
import dev.zoo.api.summary.SummaryTable;
import dev.zoo.api.zoo.ModelZoo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo summary NAME} or {@code zoo summary --file FILE}: the Keras-style table (or JSON) of a zoo model's layers, shapes, parameters and MACs. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Show every layer of an architecture: output shape, parameters, multiply-accumulates.")
final class SummaryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A zoo architecture (see 'zoo list')")
    String name;

    @Option(names = "--file", paramLabel = "FILE",
            description = "An architecture file (from 'zoo arch NAME > FILE' or written by hand) instead of NAME")
    Path file;

    @Mixin
    ZooChoices choices;

    @Option(names = "--json", description = "Print one JSON object instead of the table")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Architecture architecture = architecture();
        Summary summary = Summary.of(architecture);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? SummaryJson.write(summary) + System.lineSeparator() : SummaryTable.render(summary));
        out.flush();
        return 0;
    }

    private Architecture architecture() throws IOException {
        if (file != null) {
            if (name != null) {
                throw new IllegalArgumentException("give either NAME (" + name + ") or --file (" + file + "), not both");
            }
            List<String> ignored = choices.given(spec.commandLine().getParseResult());
            if (!ignored.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", ignored) + " picks a form of a zoo model NAME and"
                        + " cannot change an architecture file (" + file + "); edit its \"input\" and \"classes\" fields"
                        + " instead, or write a new file with 'zoo arch NAME " + String.join(" ", ignored) + " ...'");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--file " + file + ": " + (Files.isDirectory(file) ? "is a directory"
                        : "no such file") + "; give an architecture file (write one with 'zoo arch NAME > FILE')");
            }
            return ArchitectureJson.read(file);
        }
        if (name == null) {
            throw new IllegalArgumentException("give an architecture NAME (one of: " + String.join(", ", ModelZoo.names())
                    + ") or --file FILE");
        }
        return choices.build(name);
    }
}

package dev.zoo.cli;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.summary.Summary;
import dev.zoo.api.summary.SummaryJson;
import dev.zoo.api.summary.SummaryTable;
import dev.zoo.api.zoo.ModelZoo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo summary NAME}: the Keras-style table (or JSON) of a zoo model's layers, shapes, parameters and MACs. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Show every layer of an architecture: output shape, parameters, multiply-accumulates.")
final class SummaryCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A zoo architecture (see 'zoo list')")
    String name;

    @Mixin
    ZooChoices choices;

    @picocli.CommandLine.Option(names = "--json", description = "Print one JSON object instead of the table")
    boolean json;

    @Override
    public void run() {
        Architecture architecture = architecture();
        Summary summary = Summary.of(architecture);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? SummaryJson.write(summary) + System.lineSeparator() : SummaryTable.render(summary));
        out.flush();
    }

    private Architecture architecture() {
        if (name == null) {
            throw new IllegalArgumentException("give an architecture NAME (one of: " + String.join(", ", ModelZoo.names())
                    + ")");
        }
        return ModelZoo.build(name, choices.toOptions());
    }
}

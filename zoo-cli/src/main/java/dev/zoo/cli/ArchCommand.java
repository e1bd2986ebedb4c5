package dev.zoo.cli;

import dev.zoo.api.json.ArchitectureJson;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo arch NAME > arch.json}: a zoo model as an architecture file, which {@code summary --file} reads back. */
@Command(name = "arch", mixinStandardHelpOptions = true,
        description = "Print a zoo architecture as a JSON architecture file (read back with 'zoo summary --file').")
final class ArchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "A zoo architecture (see 'zoo list')")
    String name;

    @Mixin
    ZooChoices choices;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        String json = ArchitectureJson.toJson(choices.build(name));
        out.print(json.endsWith("\n") ? json : json + System.lineSeparator());
        out.flush();
    }
}

package dev.zoo.cli;

import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooEntry;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code zoo list}: every registered architecture with its default input and a one-line description. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List every architecture in the zoo.")
final class ListCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        int width = ModelZoo.names().stream().mapToInt(String::length).max().orElse(4);
        String format = "%-" + width + "s  %-9s  %7s  %s%n";
        out.printf(format, "NAME", "INPUT", "CLASSES", "DESCRIPTION");
        for (ZooEntry e : ModelZoo.entries()) {
            out.printf(format, e.name(), e.defaultInput(), e.defaultClasses(), e.description());
        }
        out.flush();
    }
}

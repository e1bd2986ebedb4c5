package dev.zoo.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zoo} command: walks the zoo of architectures and, with the backend modules, trains them. */
@Command(name = "zoo", mixinStandardHelpOptions = true, version = "zoo 0.1.0",
        description = "Write a deep network once, inspect it, and train it on the engine you choose.")
public final class ZooCommand implements Runnable {

    /** Every subcommand, in help order. To add one, add its class here. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ListCommand.class,
            SummaryCommand.class,
            ArchCommand.class,
            CompareArchsCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            DatasetsCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line: subcommands, case-insensitive enums, errors as one-line messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ZooCommand());
        for (Class<?> subcommand : SUBCOMMANDS) {
            cl.addSubcommand(subcommand);
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}

package dev.zoo.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

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
            CompareCommand.class,
            ReportCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            DatasetsCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** {@code zoo} alone is a usage error: the usage goes to stderr and the exit code is 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "zoo: give a command");
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "show the engines' log messages (info and up, native ones included) on stderr")
    void verbose(boolean on) {
        if (on) {
            EngineLogs.verbose();
        }
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

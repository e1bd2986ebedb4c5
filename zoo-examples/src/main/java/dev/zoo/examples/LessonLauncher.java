package dev.zoo.examples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Runs a lesson program from {@code main}: a bad option value or an impossible choice (an unknown
 * backend, a depth the zoo has no ResNet for, a missing dataset) ends with one line naming it and
 * exit code 1, not a stack trace.
 */
final class LessonLauncher {

    private LessonLauncher() {
    }

    static int execute(Callable<Integer> program, String[] args) {
        return execute(program, new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(Callable, String[])}, with errors and usage going to {@code err}. */
    static int execute(Callable<Integer> program, PrintWriter err, String... args) {
        return new CommandLine(program).setErr(err).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        }).execute(args);
    }

    /** Rejects an option value below {@code minimum}, naming the option. */
    static void atLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be >= " + minimum + ", got " + value);
        }
    }
}

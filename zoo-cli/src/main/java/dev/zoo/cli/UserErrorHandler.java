package dev.zoo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a user's mistake (unknown name, impossible shape, unreadable file) into one line on
 * stderr and exit code 1, without a stack trace; anything else is a bug and keeps its trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    /** Exit code for a request that cannot be done as asked. */
    static final int USER_ERROR = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult)
            throws Exception {
        if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof UncheckedIOException) {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            commandLine.getErr().flush();
            return USER_ERROR;
        }
        throw ex;
    }
}

package dev.zoo.cli;

import dev.zoo.api.train.CheckpointException;
import dev.zoo.api.train.NonFiniteException;
import dev.zoo.datasets.error.DatasetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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
        if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof UncheckedIOException
                || ex instanceof DatasetException || ex instanceof CheckpointException
                || ex instanceof NonFiniteException) {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + message(ex));
            commandLine.getErr().flush();
            return USER_ERROR;
        }
        throw ex;
    }

    /** The exception's message, with the rule added where the JDK gives only a file name. */
    private static String message(Exception ex) {
        if (ex instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file or directory";
        }
        if (ex instanceof AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        return ex.getMessage();
    }
}

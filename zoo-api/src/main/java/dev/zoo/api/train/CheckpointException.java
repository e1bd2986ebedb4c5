package dev.zoo.api.train;

import java.nio.file.Path;

/** A checkpoint cannot be written or read: missing, corrupt, or of another format version. */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(Path where, String problem, Throwable cause) {
        super("checkpoint " + where + ": " + problem, cause);
    }

    public CheckpointException(Path where, String problem) {
        this(where, problem, null);
    }
}

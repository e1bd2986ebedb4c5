package dev.zoo.datasets.error;

/** Root of every error zoo-datasets raises, so callers can catch all data problems in one place. */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

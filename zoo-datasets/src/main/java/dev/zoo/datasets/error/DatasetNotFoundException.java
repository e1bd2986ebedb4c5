package dev.zoo.datasets.error;

/**
 * A dataset is in none of the places searched and could not be downloaded; the message says where
 * each place was, why it did not qualify, and which files to put where.
 */
public class DatasetNotFoundException extends DatasetException {

    private static final long serialVersionUID = 1L;

    public DatasetNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

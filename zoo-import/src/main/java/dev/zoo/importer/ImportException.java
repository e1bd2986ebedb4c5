package dev.zoo.importer;

/**
 * A file that cannot be imported as asked: the message is one line naming the file (and the key,
 * layer or attribute), the rule and the value. An {@link IllegalArgumentException}, so the
 * {@code zoo} command reports it as a user error.
 */
public final class ImportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}

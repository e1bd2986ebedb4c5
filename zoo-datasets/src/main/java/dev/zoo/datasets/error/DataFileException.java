package dev.zoo.datasets.error;

import java.nio.file.Path;

/**
 * A data file breaks a rule of its format; the message names the file, where in it (byte offset or
 * header field), the rule, and the expected and actual values.
 */
public class DataFileException extends DatasetException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String where;
    private final String expected;
    private final String actual;

    public DataFileException(Path file, String where, String rule, Object expected, Object actual) {
        super(file + ": " + where + ": " + rule + ": expected " + expected + ", got " + actual);
        this.file = file;
        this.where = where;
        this.expected = String.valueOf(expected);
        this.actual = String.valueOf(actual);
    }

    /** The offending file. */
    public Path file() {
        return file;
    }

    /** Where in the file: a byte offset ({@code "offset 3073"}) or a field ({@code "header.magic"}). */
    public String where() {
        return where;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}

package dev.zoo.api.json;

/**
 * A malformed architecture file. The message reads like a compiler's:
 * {@code my-cnn.json:12:21: network.layers[3].kernel: expected an integer, got string "3"}, that is
 * the source, the line and column, the JSON path of the field and what was expected.
 */
public class ArchitectureFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;
    private final int line;
    private final int column;
    private final String problem;

    public ArchitectureFormatException(String source, String field, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + (field.isEmpty() ? "top level" : field) + ": " + problem);
        this.source = source;
        this.field = field;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The file name (or other source name) the JSON came from. */
    public String source() {
        return source;
    }

    /** The JSON path of the offending field, such as {@code network.layers[3].kernel}; empty for the top level. */
    public String field() {
        return field;
    }

    /** The 1-based line of the offending value (or of its enclosing object for a missing field). */
    public int line() {
        return line;
    }

    /** The 1-based column of the offending value. */
    public int column() {
        return column;
    }

    /** What was wrong, without the location. */
    public String problem() {
        return problem;
    }
}

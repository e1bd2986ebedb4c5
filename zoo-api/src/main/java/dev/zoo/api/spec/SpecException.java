package dev.zoo.api.spec;

/**
 * An impossible network description. The message always starts with the node's path, then says
 * the rule and the offending value, for example
 * {@code "stage3.block1.conv2: kernel 5 with padding 0 shrinks 2x2 input below 1x1"}.
 */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public SpecException(String path, String rule) {
        super(path + ": " + rule);
        this.path = path;
    }

    /** The hierarchical name of the offending node. */
    public String path() {
        return path;
    }
}

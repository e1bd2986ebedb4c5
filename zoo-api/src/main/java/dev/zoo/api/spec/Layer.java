package dev.zoo.api.spec;

/**
 * One node of a network description: a leaf layer or a composite ({@link Sequential},
 * {@link Residual}). Nodes are immutable values; each carries a local {@link #name()} and gets its
 * hierarchical path ({@code stage2.block1.conv1}) from its position in the tree. Backends use
 * these paths unchanged for weights and error messages.
 */
public sealed interface Layer
        permits Conv2d, Dense, Pool, GlobalPool, BatchNorm, Activation, Dropout, Flatten,
        LocalResponseNorm, Sequential, Residual {

    /** The local name, unique among siblings; a path segment, so it contains no dot. */
    String name();

    /**
     * The kind as users see it in a summary ({@code Conv2d}, {@code Residual}, ...): stated by each
     * record, not taken from its class name, so renaming a record changes no output.
     */
    String kind();

    /** Double dispatch for backends; {@code path} is this node's full hierarchical name. */
    <R> R accept(LayerVisitor<R> visitor, String path);

    /** The path of a child node under {@code parentPath} (the root's children have bare names). */
    static String childPath(String parentPath, Layer child) {
        return parentPath == null || parentPath.isEmpty() ? child.name() : parentPath + "." + child.name();
    }
}

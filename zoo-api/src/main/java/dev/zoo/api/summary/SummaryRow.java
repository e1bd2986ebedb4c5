package dev.zoo.api.summary;

/**
 * One line of a summary: a leaf layer, or the add of a residual block (listed after its branches).
 *
 * @param name        the node's hierarchical path
 * @param type        the layer kind ({@code Conv2d}, {@code Residual[projection]}, ...)
 * @param outputShape output of one example, {@code 64x56x56} or {@code 1000}
 * @param params      trainable parameters of this node
 * @param macs        multiply-accumulates of this node for one example
 */
public record SummaryRow(String name, String type, String outputShape, long params, long macs) {
}

package dev.zoo.api.spec;

/** What shape inference found for one node: its path, the node, and its input and output shapes. */
public record NodeShape(String path, Layer layer, Shape input, Shape output) {
}

/**
 * The Deep Java Library backends ({@code djl-pytorch}, {@code djl-mxnet}): compile a zoo
 * architecture into DJL blocks and train it with PyTorch's optimiser rules.
 */
package dev.zoo.djl;

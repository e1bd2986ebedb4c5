/**
 * The Deeplearning4j backend ({@code dl4j}): compiles zoo architectures into DL4J
 * {@code ComputationGraph}s on ND4J and trains them with PyTorch's optimiser formulas.
 */
package dev.zoo.dl4j;

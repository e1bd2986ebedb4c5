package dev.zoo.api.train;

/**
 * One class a network sees in an image.
 *
 * @param label       class index
 * @param name        class name
 * @param probability softmax probability
 */
public record Prediction(int label, String name, double probability) {
}

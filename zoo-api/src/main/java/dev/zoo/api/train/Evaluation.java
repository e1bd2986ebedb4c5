package dev.zoo.api.train;

/**
 * Loss and accuracy of a network on a split, computed in Java from the network's logits so every
 * backend is scored the same way.
 *
 * @param loss     mean softmax cross-entropy
 * @param top1     fraction of examples whose label has the highest logit
 * @param top5     fraction whose label is among the five highest logits (all of them when fewer classes)
 * @param examples number of examples scored
 */
public record Evaluation(double loss, double top1, double top5, int examples) {
}

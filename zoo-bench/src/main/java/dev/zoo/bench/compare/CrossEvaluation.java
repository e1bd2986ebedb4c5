package dev.zoo.bench.compare;

/**
 * One cell of the cross-evaluation matrix: the final weights one backend trained, scored on the test
 * split by another backend (or itself). The same weights must score the same everywhere.
 *
 * @param model       zoo model name
 * @param weightsFrom the backend that trained the weights
 * @param evaluatedOn the backend that evaluated them
 * @param top1        test top-1, as a fraction
 * @param top5        test top-5, as a fraction
 * @param loss        test loss
 */
public record CrossEvaluation(String model, String weightsFrom, String evaluatedOn, double top1, double top5,
        double loss) {
}

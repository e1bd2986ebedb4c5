package dev.zoo.bench.compare;

/**
 * One epoch of one backend's run.
 *
 * @param epoch           1-based epoch
 * @param trainLoss       mean training loss of the epoch
 * @param testLoss        test loss after the epoch
 * @param top1            test top-1 accuracy after the epoch, as a fraction
 * @param top5            test top-5 accuracy after the epoch, as a fraction
 * @param seconds         wall time of the epoch, evaluation included
 * @param imagesPerSecond training images per second over the epoch
 */
public record EpochFigures(int epoch, double trainLoss, double testLoss, double top1, double top5, double seconds,
        double imagesPerSecond) {
}

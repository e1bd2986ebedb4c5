package dev.zoo.bench.compare;

import java.util.List;

/**
 * What one backend did with one model: its accuracy per epoch, its speed and memory, or why it failed.
 *
 * @param backend          backend id
 * @param model            zoo model name
 * @param error            why the run failed, or null when it finished
 * @param engine           the backend's own description (engine and version)
 * @param parameters       trainable parameters of the model
 * @param epochs           figures per epoch
 * @param top1             final test top-1, as a fraction
 * @param top5             final test top-5, as a fraction
 * @param testLoss         final test loss
 * @param trainImagesPerSecond training images/s over timed rounds after the warm-up
 * @param evalImagesPerSecond  evaluation images/s over every test pass of the run
 * @param peakRssMb        the child JVM's peak resident memory (VmHWM), MiB
 * @param firstStepSeconds seconds from the child JVM's start to the end of its first training step
 * @param seconds          wall time of the child JVM
 * @param weights          the final weights, relative to the comparison folder
 */
public record RunFigures(String backend, String model, String error, String engine, long parameters,
        List<EpochFigures> epochs, Double top1, Double top5, Double testLoss, Spread trainImagesPerSecond,
        Double evalImagesPerSecond, Double peakRssMb, Double firstStepSeconds, double seconds, String weights) {

    public RunFigures {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    /** True when the run finished and has figures. */
    public boolean ok() {
        return error == null;
    }

    /** A run that failed, with the reason and whatever epochs it finished. */
    public static RunFigures failed(String backend, String model, String error, List<EpochFigures> epochs,
            double seconds) {
        return new RunFigures(backend, model, error, null, 0, epochs, null, null, null, null, null, null, null, seconds,
                null);
    }
}

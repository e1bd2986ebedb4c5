package dev.zoo.bench.compare;

import java.util.List;

/**
 * Training and inference throughput on synthetic batches, every runner timed in alternating rounds.
 *
 * @param model  zoo model name
 * @param input  shape of one example
 * @param batch  examples per step
 * @param method how the rounds were timed, in words
 * @param rows   one per runner (a backend, or the hand-written network of an engine)
 */
public record SpeedTable(String model, String input, int batch, String method, List<SpeedRow> rows) {

    public SpeedTable {
        rows = List.copyOf(rows);
    }

    /**
     * One runner's throughput.
     *
     * @param runner           backend id, or {@code hand-written:ENGINE} for a network written by hand
     * @param imagesPerSecond  training images/s over the timed rounds
     * @param toReference      speed over the reference backend's ({@code djl-pytorch}), or null
     * @param toHandWritten    speed over the hand-written network's of the same engine, or null
     * @param peakRssMb        the runner JVM's peak resident memory, MiB
     * @param error            why the runner failed, or null
     * @param inferenceImagesPerSecond inference images/s (batches through the evaluation pass, no
     *                         gradients) over the timed rounds, or null for a runner without one
     */
    public record SpeedRow(String runner, Spread imagesPerSecond, Ratio toReference, Ratio toHandWritten,
            Double peakRssMb, String error, Spread inferenceImagesPerSecond) {
    }
}

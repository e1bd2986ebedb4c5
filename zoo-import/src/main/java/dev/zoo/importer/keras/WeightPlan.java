package dev.zoo.importer.keras;

/**
 * Where one Keras layer's weights go: the zoo node they fill, and how to convert them.
 *
 * @param kerasLayer the Keras layer's name (its group in the HDF5 file)
 * @param zooPath    the zoo node's path, the prefix of its canonical weight names
 * @param kind       which tensors the layer has and their layout
 * @param nhwc       for a dense or batch norm layer fed by the flatten of a channels-last map: that
 *                   map's {@code [C, H, W]}, whose Keras flatten order (H, W, C) must become zoo's
 *                   (C, H, W); null otherwise
 */
record WeightPlan(String kerasLayer, String zooPath, Kind kind, int[] nhwc) {

    /** The parametric layer kinds. */
    enum Kind {
        /** Keras {@code kernel} HWIO and {@code bias}: zoo OIHW {@code weight} and {@code bias}. */
        CONV,
        /** Keras {@code kernel} [in, out] and {@code bias}: zoo [out, in] {@code weight} and {@code bias}. */
        DENSE,
        /** Keras gamma, beta, moving_mean, moving_variance: zoo weight, bias, running_mean, running_var. */
        BATCH_NORM
    }
}

package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Copies values between Java arrays and NDArrays of either precision, in place. */
final class NdValues {

    private NdValues() {
    }

    static float[] floats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray cast = array.toType(DataType.FLOAT32, true)) {
            return cast.toFloatArray();
        }
    }

    static double[] doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] f = array.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * Overwrites {@code array} with {@code values}. Goes through the engine's copy operator rather
     * than a raw buffer write, because MXNet keeps some arrays in MKL-DNN layout after a forward
     * pass and refuses raw writes into them.
     */
    static void write(NDArray array, float[] values) {
        try (NDArray source = array.getManager().create(values, array.getShape());
                NDArray typed = source.toType(array.getDataType(), true)) {
            typed.copyTo(array);
        }
    }

    /**
     * Overwrites {@code array} with {@code values}, laying it out channels-last when
     * {@code channelsLast} ({@link ChannelsLast#write}), which a plain write would undo.
     */
    static void write(NDArray array, float[] values, boolean channelsLast) {
        if (channelsLast) {
            ChannelsLast.write(array, values);
        } else {
            write(array, values);
        }
    }

    /** Overwrites {@code array} with {@code values}, as {@link #write(NDArray, float[])}. */
    static void write(NDArray array, double[] values) {
        try (NDArray source = array.getManager().create(values, array.getShape());
                NDArray typed = source.toType(array.getDataType(), true)) {
            typed.copyTo(array);
        }
    }
}

package dev.zoo.tensorflow;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/** Java arrays into TensorFlow tensors of a network's floating type and back, copying once. */
final class TensorValues {

    private TensorValues() {
    }

    /** A tensor of {@code type} (float32 or float64) holding {@code values}. */
    static Tensor of(Class<? extends TNumber> type, long[] shape, double[] values) {
        if (type == TFloat64.class) {
            return TFloat64.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
        }
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(narrow, true, false));
    }

    /** A scalar of {@code type}. */
    static Tensor scalar(Class<? extends TNumber> type, double value) {
        return type == TFloat64.class ? TFloat64.scalarOf(value) : TFloat32.scalarOf((float) value);
    }

    static TFloat32 floats(long[] shape, float[] values) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    static TInt32 ints(int[] values) {
        return TInt32.vectorOf(values);
    }

    static TInt64 longs(long... values) {
        return TInt64.vectorOf(values);
    }

    /** Every value of a float32 or float64 tensor, widened to double. */
    static double[] doubles(Tensor t) {
        int n = Math.toIntExact(t.shape().size());
        double[] out = new double[n];
        if (t instanceof TFloat64 d) {
            d.copyTo(DataBuffers.of(out, false, false));
        } else {
            float[] f = new float[n];
            ((TFloat32) t).copyTo(DataBuffers.of(f, false, false));
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    /** Every value of a float32 or float64 tensor, narrowed to float. */
    static float[] floats(Tensor t) {
        int n = Math.toIntExact(t.shape().size());
        if (t instanceof TFloat32 f) {
            float[] out = new float[n];
            f.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
        double[] d = doubles(t);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** The one value of a scalar float tensor. */
    static double scalarValue(Tensor t) {
        return t instanceof TFloat64 d ? d.getDouble() : ((TFloat32) t).getFloat();
    }
}

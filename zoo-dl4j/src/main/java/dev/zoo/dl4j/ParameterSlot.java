package dev.zoo.dl4j;

import dev.zoo.api.spec.ParameterRole;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.weights.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One canonical parameter tensor and where it lives inside DL4J's flat parameter vector, with the
 * conversion between the two layouts. DL4J keeps dense kernels as {@code [in, out]} (canonical is
 * {@code [out, in]}), convolution kernels as OIHW like the canonical layout, and biases and
 * batch-norm vectors as {@code [1, n]} rows. Batch-norm variance is stored as the variance itself
 * ({@code useLogStd(false)}).
 *
 * @param spec the canonical parameter
 * @param view DL4J's view of it inside the flat parameter vector
 * @param offset where {@code view} starts in the flat vector
 */
record ParameterSlot(ParameterSpec spec, INDArray view, long offset) {

    /** DL4J's parameter key for a canonical role. */
    static String dl4jKey(ParameterRole role) {
        return switch (role) {
            case CONV_WEIGHT, DENSE_WEIGHT -> "W";
            case BIAS -> "b";
            case BN_GAMMA -> "gamma";
            case BN_BETA -> "beta";
            case BN_RUNNING_MEAN -> "mean";
            case BN_RUNNING_VAR -> "var";
        };
    }

    String name() {
        return spec.name();
    }

    /** The same slot seen inside another flat vector with the parameter vector's layout. */
    INDArray in(INDArray flat) {
        return Nd4j.create(flat.data(), view.shape(), view.stride(), flat.offset() + offset, view.ordering());
    }

    /** {@code dl4jArray} (this slot's DL4J shape) as a canonical-layout array (a view where possible). */
    INDArray canonical(INDArray dl4jArray) {
        return switch (spec.role()) {
            case DENSE_WEIGHT -> dl4jArray.transpose();
            case CONV_WEIGHT -> dl4jArray;
            default -> dl4jArray.reshape(dl4jArray.length());
        };
    }

    float[] readFloats(INDArray dl4jArray) {
        return canonical(dl4jArray).dup('c').data().asFloat();
    }

    double[] readDoubles(INDArray dl4jArray) {
        return canonical(dl4jArray).dup('c').data().asDouble();
    }

    Tensor readTensor(INDArray dl4jArray) {
        return new Tensor(spec.shape(), readFloats(dl4jArray));
    }

    /** Writes canonical values into {@code dl4jArray}. */
    void write(INDArray dl4jArray, INDArray canonicalValues) {
        INDArray source = canonicalValues.castTo(dl4jArray.dataType());
        switch (spec.role()) {
            case DENSE_WEIGHT -> dl4jArray.assign(source.transpose());
            case CONV_WEIGHT -> dl4jArray.assign(source);
            default -> dl4jArray.assign(source.reshape(dl4jArray.shape()));
        }
    }

    void write(INDArray dl4jArray, float[] canonicalValues) {
        write(dl4jArray, Nd4j.create(canonicalValues, shape(), 'c'));
    }

    void write(INDArray dl4jArray, double[] canonicalValues) {
        write(dl4jArray, Nd4j.create(canonicalValues, shape(), DataType.DOUBLE));
    }

    long[] shape() {
        List<Integer> s = spec.shape();
        return s.stream().mapToLong(Integer::longValue).toArray();
    }

    /** Fails naming the tensor when {@code tensor}'s shape is not this slot's canonical shape. */
    void requireShape(String what, Tensor tensor) {
        if (!tensor.shape().equals(spec.shape())) {
            throw new IllegalArgumentException(what + ": tensor '" + name() + "' must have shape " + spec.shape()
                    + ", got " + tensor.shape());
        }
    }
}

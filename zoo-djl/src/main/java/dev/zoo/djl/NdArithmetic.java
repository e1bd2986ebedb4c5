package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import dev.zoo.api.engine.Arithmetic;

/** The shared rules' arithmetic on DJL NDArrays (new arrays, freed with the step's scope). */
final class NdArithmetic implements Arithmetic<NDArray> {

    static final NdArithmetic INSTANCE = new NdArithmetic();

    private NdArithmetic() {
    }

    @Override
    public NDArray plus(NDArray a, NDArray b) {
        return a.add(b);
    }

    @Override
    public NDArray times(NDArray a, NDArray b) {
        return a.mul(b);
    }

    @Override
    public NDArray dividedBy(NDArray a, NDArray b) {
        return a.div(b);
    }

    @Override
    public NDArray sqrt(NDArray a) {
        return a.sqrt();
    }

    @Override
    public NDArray times(NDArray a, double c) {
        return a.mul(c);
    }

    @Override
    public NDArray plus(NDArray a, double c) {
        return a.add(c);
    }
}

package dev.zoo.dl4j;

import dev.zoo.api.engine.Arithmetic;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The shared rules' arithmetic on ND4J arrays (new arrays; the arguments stay as they are). */
final class NdArrayArithmetic implements Arithmetic<INDArray> {

    static final NdArrayArithmetic INSTANCE = new NdArrayArithmetic();

    private NdArrayArithmetic() {
    }

    @Override
    public INDArray plus(INDArray a, INDArray b) {
        return a.add(b);
    }

    @Override
    public INDArray times(INDArray a, INDArray b) {
        return b.isScalar() ? a.mul(b.getDouble(0)) : a.mul(b);
    }

    @Override
    public INDArray dividedBy(INDArray a, INDArray b) {
        return b.isScalar() ? a.div(b.getDouble(0)) : a.div(b);
    }

    @Override
    public INDArray sqrt(INDArray a) {
        return Transforms.sqrt(a, true);
    }

    @Override
    public INDArray times(INDArray a, double c) {
        return a.mul(c);
    }

    @Override
    public INDArray plus(INDArray a, double c) {
        return a.add(c);
    }
}

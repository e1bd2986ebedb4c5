package dev.zoo.api.engine;

import java.util.function.DoubleBinaryOperator;

/**
 * The shared rules' arithmetic on plain double arrays; a one-element array is a scalar. For a
 * backend whose per-operation cost outweighs a few dozen values (batch norm's running statistics
 * through ND4J took about 190 native calls per ResNet-20 step).
 */
public final class ArrayArithmetic implements Arithmetic<double[]> {

    /** The one instance (the class has no state). */
    public static final ArrayArithmetic INSTANCE = new ArrayArithmetic();

    static double[] zip(double[] a, double[] b, DoubleBinaryOperator f) {
        int n = Math.max(a.length, b.length);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(a[a.length == 1 ? 0 : i], b[b.length == 1 ? 0 : i]);
        }
        return out;
    }

    @Override
    public double[] plus(double[] a, double[] b) {
        return zip(a, b, Double::sum);
    }

    @Override
    public double[] times(double[] a, double[] b) {
        return zip(a, b, (x, y) -> x * y);
    }

    @Override
    public double[] dividedBy(double[] a, double[] b) {
        return zip(a, b, (x, y) -> x / y);
    }

    @Override
    public double[] sqrt(double[] a) {
        return zip(a, a, (x, y) -> Math.sqrt(x));
    }

    @Override
    public double[] times(double[] a, double c) {
        return zip(a, new double[] {c}, (x, y) -> x * y);
    }

    @Override
    public double[] plus(double[] a, double c) {
        return zip(a, new double[] {c}, Double::sum);
    }
}

package dev.zoo.testkit;

import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.data.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Central finite differences against a probe's analytic gradients:
 * {@code (L(w + eps) - L(w - eps)) / 2 eps} per checked element, with a relative error of at most
 * {@code tolerance} or an absolute error below {@code floor}.
 */
public final class GradientCheck {

    /** One element whose analytic and numeric gradients disagree. */
    public record Mismatch(String parameter, int index, double analytic, double numeric) {
        @Override
        public String toString() {
            return parameter + "[" + index + "]: analytic " + analytic + ", numeric " + numeric;
        }
    }

    private final double epsilon;
    private final double tolerance;
    private final double floor;
    private final int elementsPerTensor;

    public GradientCheck(double epsilon, double tolerance, double floor, int elementsPerTensor) {
        this.epsilon = epsilon;
        this.tolerance = tolerance;
        this.floor = floor;
        this.elementsPerTensor = elementsPerTensor;
    }

    /** Checks up to {@code elementsPerTensor} seeded elements of every parameter; returns the mismatches. */
    public List<Mismatch> run(GradientProbe probe, Batch batch, long seed) {
        Map<String, double[]> analytic = probe.gradients(batch);
        Map<String, double[]> parameters = probe.parameters();
        Random random = new Random(seed);
        List<Mismatch> mismatches = new ArrayList<>();
        for (Map.Entry<String, double[]> e : parameters.entrySet()) {
            String name = e.getKey();
            double[] values = e.getValue().clone();
            double[] gradient = analytic.get(name);
            if (gradient == null || gradient.length != values.length) {
                throw new AssertionError("probe gave no gradient of the right size for '" + name + "'");
            }
            int checks = Math.min(elementsPerTensor, values.length);
            for (int c = 0; c < checks; c++) {
                int i = values.length <= elementsPerTensor ? c : random.nextInt(values.length);
                double original = values[i];
                values[i] = original + epsilon;
                probe.set(name, values);
                double plus = probe.loss(batch);
                values[i] = original - epsilon;
                probe.set(name, values);
                double minus = probe.loss(batch);
                values[i] = original;
                probe.set(name, values);
                double numeric = (plus - minus) / (2 * epsilon);
                double error = Math.abs(numeric - gradient[i]);
                double scale = Math.max(Math.abs(numeric), Math.abs(gradient[i]));
                if (!(error < floor || error <= tolerance * scale)) {
                    mismatches.add(new Mismatch(name, i, gradient[i], numeric));
                }
            }
        }
        return mismatches;
    }
}

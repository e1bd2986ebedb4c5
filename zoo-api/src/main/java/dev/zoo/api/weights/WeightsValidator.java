package dev.zoo.api.weights;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a set of weights fits an architecture exactly: the same tensor names as
 * {@link Architecture#parameters()}, each with the same shape, and nothing else. Loading weights
 * into a backend goes through here first, so a mismatch is reported by name, never as a native
 * shape error.
 */
public final class WeightsValidator {

    private WeightsValidator() {
    }

    /**
     * @throws IllegalArgumentException naming the first missing, wrong-shape or extra tensor (in the
     *                                  architecture's parameter order, extras last) with the expected and
     *                                  actual shape, and how many problems there are in all
     */
    public static void check(Weights weights, Architecture architecture) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (ParameterSpec p : architecture.parameters()) {
            expected.add(p.name());
            if (!weights.contains(p.name())) {
                problems.add("missing tensor '" + p.name() + "' (expected shape " + p.shape() + ")");
            } else if (!weights.get(p.name()).shape().equals(p.shape())) {
                problems.add("tensor '" + p.name() + "' has shape " + weights.get(p.name()).shape() + " but "
                        + architecture.name() + " expects " + p.shape());
            }
        }
        for (String name : weights.names()) {
            if (!expected.contains(name)) {
                problems.add("extra tensor '" + name + "' with shape " + weights.get(name).shape()
                        + " that " + architecture.name() + " does not have");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not fit " + architecture.name() + " ("
                    + architecture.parameters().size() + " tensors): " + problems.get(0)
                    + (problems.size() == 1 ? "" : "; and " + (problems.size() - 1) + " more problem"
                    + (problems.size() == 2 ? "" : "s")));
        }
    }
}

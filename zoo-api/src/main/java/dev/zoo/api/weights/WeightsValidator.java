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
     *                                  actual shape, then how many more problems there are and the
     *                                  tensors they concern (up to five)
     */
    public static void check(Weights weights, Architecture architecture) {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (ParameterSpec p : architecture.parameters()) {
            expected.add(p.name());
            if (!weights.contains(p.name())) {
                problems.add("missing tensor '" + p.name() + "' (expected shape " + p.shape() + ")");
                names.add(p.name());
            } else if (!weights.get(p.name()).shape().equals(p.shape())) {
                problems.add("tensor '" + p.name() + "' has shape " + weights.get(p.name()).shape() + " but "
                        + architecture.name() + " expects " + p.shape());
                names.add(p.name());
            }
        }
        for (String name : weights.names()) {
            if (!expected.contains(name)) {
                problems.add("extra tensor '" + name + "' with shape " + weights.get(name).shape()
                        + " that " + architecture.name() + " does not have");
                names.add(name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not fit " + architecture.name() + " ("
                    + architecture.parameters().size() + " tensors): " + problems.get(0)
                    + (problems.size() == 1 ? "" : "; and " + (problems.size() - 1) + " more problem"
                    + (problems.size() == 2 ? "" : "s") + " with " + quoted(names.subList(1, names.size()))));
        }
    }

    private static String quoted(List<String> names) {
        List<String> shown = names.subList(0, Math.min(5, names.size()));
        return "'" + String.join("', '", shown) + "'" + (names.size() > shown.size() ? ", ..." : "");
    }
}

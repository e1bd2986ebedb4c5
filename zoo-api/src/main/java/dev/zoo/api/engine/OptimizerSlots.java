package dev.zoo.api.engine;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimiser state's names and layout, the same on every backend so a checkpoint moves between
 * them: per trainable parameter one tensor of its canonical shape per slot
 * ({@code <parameter>.momentum} for SGD with momentum, {@code <parameter>.adam_m} and
 * {@code <parameter>.adam_v} for Adam), then a scalar {@code step}, the number of steps taken.
 */
public final class OptimizerSlots {

    public static final String MOMENTUM = "momentum";
    public static final String ADAM_M = "adam_m";
    public static final String ADAM_V = "adam_v";
    public static final String STEP = "step";

    private OptimizerSlots() {
    }

    /** The slot names of {@code optimizer}, in the order {@link OptimizerRule} takes and returns them. */
    public static List<String> slots(Optimizer optimizer) {
        return optimizer.accept(new Optimizer.Visitor<>() {
            @Override
            public List<String> sgd(Optimizer.Sgd sgd) {
                return sgd.momentum() > 0 ? List.of(MOMENTUM) : List.of();
            }

            @Override
            public List<String> adam(Optimizer.Adam adam) {
                return List.of(ADAM_M, ADAM_V);
            }
        });
    }

    /** {@code sgd} or {@code adam}, for messages. */
    static String kind(Optimizer optimizer) {
        return optimizer.accept(new Optimizer.Visitor<>() {
            @Override
            public String sgd(Optimizer.Sgd sgd) {
                return "sgd";
            }

            @Override
            public String adam(Optimizer.Adam adam) {
                return "adam";
            }
        });
    }

    /** The state tensor's name of {@code slot} of {@code parameter}. */
    public static String name(String parameter, String slot) {
        return parameter + "." + slot;
    }

    /**
     * The state as named tensors, from each parameter's slot values (in {@link #slots} order) and the
     * step count.
     */
    public static Weights export(Optimizer optimizer, Map<String, List<Integer>> shapes,
            Map<String, List<float[]>> values, long step) {
        List<String> slots = slots(optimizer);
        Map<String, Tensor> out = new LinkedHashMap<>();
        shapes.forEach((parameter, shape) -> {
            for (int i = 0; i < slots.size(); i++) {
                out.put(name(parameter, slots.get(i)), new Tensor(shape, values.get(parameter).get(i)));
            }
        });
        out.put(STEP, new Tensor(List.of(), new float[] {step}));
        return new Weights(out);
    }

    /**
     * Checks that {@code state} is exactly the state of {@code optimizer} over trainable parameters
     * of {@code shapes}, and returns its step count. Nothing is changed by a failing check, so a
     * backend calls this before it writes any slot.
     *
     * @throws IllegalArgumentException naming the backend, the tensor, the rule and the value
     */
    public static long check(String backendId, Optimizer optimizer, Map<String, List<Integer>> shapes, Weights state) {
        String what = backendId + " optimizer state (" + kind(optimizer) + ")";
        if (!state.contains(STEP) || state.get(STEP).size() != 1) {
            throw new IllegalArgumentException(what + ": needs one scalar tensor '" + STEP + "', got "
                    + (state.contains(STEP) ? "shape " + state.get(STEP).shape() : "none"));
        }
        float step = state.get(STEP).data()[0];
        if (!(step >= 0) || step != Math.rint(step)) {
            throw new IllegalArgumentException(what + ": '" + STEP + "' must be a whole number >= 0, got "
                    + Arrays.toString(state.get(STEP).data()));
        }
        List<String> slots = slots(optimizer);
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        shapes.forEach((parameter, shape) -> slots.forEach(slot -> expected.put(name(parameter, slot), shape)));
        for (String name : state.names()) {
            if (!name.equals(STEP) && !expected.containsKey(name)) {
                throw new IllegalArgumentException(what + ": unexpected tensor '" + name + "' (expected "
                        + (expected.isEmpty() ? "only '" + STEP + "'" : "names like '" + expected.keySet().iterator().next() + "'")
                        + ")");
            }
        }
        expected.forEach((name, shape) -> {
            if (!state.contains(name)) {
                throw new IllegalArgumentException(what + ": missing tensor '" + name + "' of shape " + shape);
            }
            if (!state.get(name).shape().equals(shape)) {
                throw new IllegalArgumentException(what + ": tensor '" + name + "' must have shape " + shape + ", got "
                        + state.get(name).shape());
            }
        });
        return (long) step;
    }
}

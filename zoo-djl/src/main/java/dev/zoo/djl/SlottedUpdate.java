package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optimiser state as per-parameter slots ({@code <parameter>.momentum}, {@code <parameter>.adam_m})
 * plus a scalar {@code step}, held as NDArrays beside the parameters and exchanged as tensors.
 */
abstract class SlottedUpdate implements ParameterUpdate {

    static final String STEP = "step";

    private final Map<String, NDArray> slots = new LinkedHashMap<>();
    private long step;

    SlottedUpdate(Map<String, NDArray> trainable, List<String> slotNames) {
        for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
            for (String slot : slotNames) {
                slots.put(e.getKey() + "." + slot, e.getValue().zerosLike());
            }
        }
    }

    final NDArray slot(String parameter, String slot) {
        return slots.get(parameter + "." + slot);
    }

    final long step() {
        return step;
    }

    @Override
    public void beginStep() {
        step++;
    }

    @Override
    public Weights exportState() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : slots.entrySet()) {
            out.put(e.getKey(), new Tensor(shapeOf(e.getValue()), NdValues.floats(e.getValue())));
        }
        out.put(STEP, new Tensor(List.of(), new float[] {step}));
        return new Weights(out);
    }

    @Override
    public void importState(Weights state) {
        for (String name : state.names()) {
            if (!name.equals(STEP) && !slots.containsKey(name)) {
                throw new IllegalArgumentException("optimizer state: unexpected tensor '" + name + "' (expected "
                        + (slots.isEmpty() ? "only 'step'" : "names like '" + slots.keySet().iterator().next() + "'")
                        + ")");
            }
        }
        Tensor stepTensor = state.get(STEP);
        if (stepTensor.size() != 1 || !(stepTensor.data()[0] >= 0)) {
            throw new IllegalArgumentException("optimizer state: 'step' must be one value >= 0, got "
                    + Arrays.toString(stepTensor.data()));
        }
        for (Map.Entry<String, NDArray> e : slots.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (!t.shape().equals(shapeOf(e.getValue()))) {
                throw new IllegalArgumentException("optimizer state: tensor '" + e.getKey() + "' must have shape "
                        + shapeOf(e.getValue()) + ", got " + t.shape());
            }
        }
        for (Map.Entry<String, NDArray> e : slots.entrySet()) {
            NdValues.write(e.getValue(), state.get(e.getKey()).data());
        }
        step = (long) stepTensor.data()[0];
    }

    static List<Integer> shapeOf(NDArray array) {
        return Arrays.stream(array.getShape().getShape()).mapToInt(Math::toIntExact).boxed().toList();
    }
}

package dev.zoo.api.weights;

import dev.zoo.api.spec.Architecture;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ordered, named set of float tensors in the canonical layout: convolution kernels OIHW, dense
 * kernels {@code [out, in]}, batch-norm {@code weight}/{@code bias}/{@code running_mean}/
 * {@code running_var}. Names are a node's path plus the parameter suffix
 * ({@code stage1.block1.conv1.weight}), exactly as {@code Architecture.parameters()} lists them.
 */
public final class Weights {

    private final Map<String, Tensor> tensors;

    public Weights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public Map<String, Tensor> asMap() {
        return tensors;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor called {@code name}; fails naming the missing tensor. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("weights: no tensor named '" + name + "' (have " + tensors.size()
                    + " tensors" + (tensors.isEmpty() ? "" : ", for example '" + tensors.keySet().iterator().next() + "'")
                    + ")");
        }
        return t;
    }

    /**
     * Checks that these weights fit {@code architecture} exactly (names and shapes).
     *
     * @throws IllegalArgumentException naming the first missing, wrong-shape or extra tensor
     * @see WeightsValidator
     */
    public void check(Architecture architecture) {
        WeightsValidator.check(this, architecture);
    }

    public int size() {
        return tensors.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Weights w && w.tensors.equals(tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "Weights" + tensors.keySet();
    }
}

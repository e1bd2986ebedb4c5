package dev.zoo.dl4j;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every canonical parameter of an architecture located in a compiled graph's flat parameter
 * vector, in canonical order. Also builds the mask that marks trainable entries (batch-norm running
 * statistics are not), which the optimiser uses to leave the statistics alone.
 */
final class ParameterTable {

    private final List<ParameterSlot> slots;
    private final Map<String, ParameterSlot> byName = new LinkedHashMap<>();
    private final INDArray trainableMask;

    ParameterTable(Architecture architecture, ComputationGraph graph) {
        INDArray flat = graph.params();
        List<ParameterSlot> list = new ArrayList<>();
        trainableMask = Nd4j.zeros(flat.dataType(), flat.shape());
        for (ParameterSpec p : architecture.parameters()) {
            INDArray view = graph.getLayer(p.nodePath()).getParam(ParameterSlot.dl4jKey(p.role()));
            if (view == null || view.length() != p.size()) {
                throw new IllegalStateException("dl4j: compiled vertex '" + p.nodePath() + "' has no parameter of "
                        + p.size() + " values for " + p.name());
            }
            ParameterSlot slot = new ParameterSlot(p, view, view.offset() - flat.offset());
            list.add(slot);
            byName.put(p.name(), slot);
            if (p.trainable()) {
                slot.in(trainableMask).assign(1);
            }
        }
        long covered = list.stream().mapToLong(s -> s.spec().size()).sum();
        if (covered != flat.length()) {
            throw new IllegalStateException("dl4j: the graph has " + flat.length() + " parameters but the architecture "
                    + architecture.name() + " declares " + covered);
        }
        this.slots = List.copyOf(list);
    }

    List<ParameterSlot> slots() {
        return slots;
    }

    ParameterSlot slot(String name) {
        ParameterSlot s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("dl4j: no parameter named '" + name + "'");
        }
        return s;
    }

    /** 1 where the flat vector holds a trainable value, 0 for batch-norm running statistics. */
    INDArray trainableMask() {
        return trainableMask;
    }

    /** Reads every slot of {@code flat} (laid out like the parameter vector) as canonical tensors. */
    Weights read(INDArray flat, boolean trainableOnly, String suffix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterSlot s : slots) {
            if (!trainableOnly || s.spec().trainable()) {
                out.put(s.name() + suffix, s.readTensor(s.in(flat)));
            }
        }
        return new Weights(out);
    }

    /**
     * Checks that {@code weights} holds exactly the expected names with canonical shapes, naming
     * the first missing, unexpected or misshapen tensor.
     */
    void requireExactly(String what, Weights weights, boolean trainableOnly, String suffix, Set<String> extra) {
        for (String name : weights.names()) {
            boolean known = extra.contains(name) || (name.endsWith(suffix)
                    && byName.containsKey(name.substring(0, name.length() - suffix.length()))
                    && (!trainableOnly || byName.get(name.substring(0, name.length() - suffix.length())).spec().trainable()));
            if (!known) {
                throw new IllegalArgumentException(what + ": unexpected tensor '" + name + "'");
            }
        }
        for (ParameterSlot s : slots) {
            if (trainableOnly && !s.spec().trainable()) {
                continue;
            }
            String key = s.name() + suffix;
            if (!weights.contains(key)) {
                throw new IllegalArgumentException(what + ": missing tensor '" + key + "'");
            }
            Tensor t = weights.get(key);
            if (!t.shape().equals(s.spec().shape())) {
                throw new IllegalArgumentException(what + ": tensor '" + key + "' must have shape " + s.spec().shape()
                        + ", got " + t.shape());
            }
        }
    }

    /** Writes canonical tensors into {@code flat}; call {@link #requireExactly} first. */
    void write(INDArray flat, Weights weights, boolean trainableOnly, String suffix) {
        for (ParameterSlot s : slots) {
            if (!trainableOnly || s.spec().trainable()) {
                s.write(s.in(flat), weights.get(s.name() + suffix).data());
            }
        }
    }
}

package dev.zoo.tensorflow;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TNumber;

/**
 * One graph variable per parameter of an architecture, in TensorFlow's layout, by canonical name.
 * The compiler asks for them as it visits the nodes; the network reads and writes them by name.
 */
final class ParameterVariables<T extends TNumber> {

    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    private final Map<String, Variable<T>> variables = new LinkedHashMap<>();
    private final Ops tf;
    private final Class<T> type;

    ParameterVariables(Architecture architecture, Ops tf, Class<T> type) {
        this.tf = tf;
        this.type = type;
        for (ParameterSpec p : architecture.parameters()) {
            specs.put(p.name(), p);
        }
    }

    /** The variable of {@code <path>.<suffix>}, created on first use. */
    Operand<T> get(String path, String suffix) {
        String name = path + "." + suffix;
        ParameterSpec p = specs.get(name);
        if (p == null) {
            throw new IllegalStateException("tensorflow: the architecture has no parameter '" + name + "'");
        }
        return variables.computeIfAbsent(name, n -> tf.withName(safe(n)).variable(Shape.of(Layout.tfShape(p)), type));
    }

    /** A path may start with '-' or '_', which an op name may not; under a prefix every path is a valid op name. */
    static String safe(String name) {
        return "v." + name;
    }

    /** Every parameter variable in the architecture's parameter order. */
    Map<String, Variable<T>> all() {
        Map<String, Variable<T>> ordered = new LinkedHashMap<>();
        for (String name : specs.keySet()) {
            Variable<T> v = variables.get(name);
            if (v == null) {
                throw new IllegalStateException("tensorflow: parameter '" + name + "' was not compiled into the graph");
            }
            ordered.put(name, v);
        }
        return Collections.unmodifiableMap(ordered);
    }

    ParameterSpec spec(String name) {
        return specs.get(name);
    }
}

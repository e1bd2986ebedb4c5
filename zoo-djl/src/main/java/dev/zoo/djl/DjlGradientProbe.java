package dev.zoo.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.InputChecks;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Float64 loss and gradients of a {@link DjlNetwork} in training mode, with dropout masks off and
 * batch-norm running statistics restored after every pass, so the probe changes nothing.
 */
final class DjlGradientProbe implements GradientProbe {

    private final DjlNetwork network;

    DjlGradientProbe(DjlNetwork network) {
        this.network = network;
    }

    @Override
    public Map<String, double[]> parameters() {
        Map<String, double[]> out = new LinkedHashMap<>();
        network.trainableArrays().forEach((name, array) -> out.put(name, NdValues.doubles(array)));
        return out;
    }

    @Override
    public void set(String name, double[] values) {
        NDArray array = network.trainableArrays().get(name);
        if (array == null) {
            throw new IllegalArgumentException("gradient probe: no trainable parameter named '" + name + "'");
        }
        if (values.length != array.size()) {
            throw new IllegalArgumentException("gradient probe: parameter '" + name + "' has " + array.size()
                    + " values, got " + values.length);
        }
        NdValues.write(array, values);
    }

    @Override
    public double loss(Batch batch) {
        return isolated(batch, () -> {
            try (NDManager step = network.manager().newSubManager()) {
                return network.lossAndGradients(step, batch, false);
            }
        });
    }

    @Override
    public Map<String, double[]> gradients(Batch batch) {
        return isolated(batch, () -> {
            try (NDManager step = network.manager().newSubManager()) {
                network.lossAndGradients(step, batch, true);
                Map<String, double[]> out = new LinkedHashMap<>();
                for (Map.Entry<String, NDArray> e : network.trainableArrays().entrySet()) {
                    try (NDArray g = e.getValue().getGradient()) {
                        out.put(e.getKey(), NdValues.doubles(g));
                    }
                }
                network.gradientReset().reset(network.trainableArrays().values());
                return out;
            }
        });
    }

    private <T> T isolated(Batch batch, Supplier<T> pass) {
        InputChecks.batch(network.backendId(), network.architecture(), batch);
        settle();
        Map<String, double[]> statistics = new LinkedHashMap<>();
        for (ParameterSpec p : network.architecture().parameters()) {
            if (!p.trainable()) {
                statistics.put(p.name(), NdValues.doubles(network.parameters().get(p.name()).getArray()));
            }
        }
        network.dropout().set(false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return pass.get();
        } finally {
            network.dropout().set(true);
            statistics.forEach((name, values) -> NdValues.write(network.parameters().get(name).getArray(), values));
            settle();
        }
    }

    /**
     * MXNet runs operators asynchronously and updates batch-norm statistics in its backward pass;
     * waiting for every pending operator keeps a probe's snapshot and restore of those statistics
     * from racing with it. libtorch runs eagerly, so there is nothing to wait for.
     */
    private void settle() {
        EngineQueue.drain(network.backendId());
    }
}

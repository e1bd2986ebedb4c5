package dev.zoo.dl4j;

import dev.zoo.api.backend.GradientProbe;
import dev.zoo.api.backend.InputChecks;
import dev.zoo.api.data.Batch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Float64 loss and gradients of a {@link Dl4jNetwork}: a training-mode pass with dropout switched
 * off for its duration and the batch-norm running statistics put back afterwards, so nothing changes.
 */
final class Dl4jGradientProbe implements GradientProbe {

    private final Dl4jNetwork network;

    Dl4jGradientProbe(Dl4jNetwork network) {
        this.network = network;
    }

    @Override
    public Map<String, double[]> parameters() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (ParameterSlot s : network.table().slots()) {
            if (s.spec().trainable()) {
                out.put(s.name(), s.readDoubles(s.view()));
            }
        }
        return out;
    }

    @Override
    public void set(String name, double[] values) {
        ParameterSlot s = network.table().slot(name);
        if (!s.spec().trainable() || values == null || values.length != s.spec().size()) {
            throw new IllegalArgumentException("dl4j gradient probe: '" + name + "' takes " + s.spec().size()
                    + " values of a trainable parameter, got " + (values == null ? "null" : values.length)
                    + (s.spec().trainable() ? "" : " (it is not trainable)"));
        }
        s.write(s.view(), values);
    }

    @Override
    public double loss(Batch batch) {
        return pass(batch, false);
    }

    @Override
    public Map<String, double[]> gradients(Batch batch) {
        pass(batch, true);
        INDArray gradient = network.graph().getFlattenedGradients();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (ParameterSlot s : network.table().slots()) {
            if (s.spec().trainable()) {
                double[] g = s.readDoubles(s.in(gradient));
                for (int i = 0; i < g.length; i++) {
                    g[i] /= batch.size();
                }
                out.put(s.name(), g);
            }
        }
        return out;
    }

    private double pass(Batch batch, boolean backward) {
        InputChecks.batch(Dl4jBackend.ID, network.architecture(), batch);
        Map<DropoutLayer, IDropout> disabled = new LinkedHashMap<>();
        for (String path : network.dropouts()) {
            DropoutLayer conf = (DropoutLayer) network.graph().getLayer(path).conf().getLayer();
            disabled.put(conf, conf.getIDropout());
            conf.setIDropout(null);
        }
        try {
            return backward ? network.lossAndGradients(batch) : network.trainingModeLoss(batch);
        } finally {
            network.statistics().restore();
            disabled.forEach(DropoutLayer::setIDropout);
        }
    }
}

package dev.zoo.api.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.data.Batch;
import dev.zoo.api.train.SoftmaxRegressionBackend;
import org.junit.jupiter.api.Test;

class ForwardingNetworkTest {

    @Test
    void everyCallReachesTheDelegateUnchanged() {
        Network inner = new SoftmaxRegressionBackend().compile(SoftmaxRegressionBackend.architecture(),
                NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 0)));
        Network twin = new SoftmaxRegressionBackend().compile(SoftmaxRegressionBackend.architecture(),
                NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, false, 0)));
        Network wrapped = new ForwardingNetwork(inner) {
        };
        Batch batch = SoftmaxRegressionBackend.data(1, false).batches(0, 8, 0).next();
        assertThat(wrapped.trainStep(batch, 0.1)).isEqualTo(twin.trainStep(batch, 0.1));
        assertThat(wrapped.predict(batch)).isEqualTo(twin.predict(batch));
        assertThat(wrapped.exportWeights()).isEqualTo(twin.exportWeights());
        assertThat(wrapped.exportOptimizerState()).isEqualTo(twin.exportOptimizerState());
        assertThat(wrapped.lastGradientNorms()).isEqualTo(twin.lastGradientNorms()).isNotEmpty();
        assertThat(wrapped.backendId()).isEqualTo(SoftmaxRegressionBackend.ID);
        wrapped.importWeights(twin.exportWeights());
        assertThat(inner.exportWeights()).isEqualTo(twin.exportWeights());
    }
}

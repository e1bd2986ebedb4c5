package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluatorTest {

    @Test
    void crossEntropyMatchesTheDefinitionAndStaysFiniteForLargeLogits() {
        float[] logits = {1f, 2f, 3f};
        double expected = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        assertThat(Evaluator.crossEntropy(logits, 0, 3, 0)).isCloseTo(expected, within(1e-12));
        assertThat(Evaluator.crossEntropy(new float[] {1000f, 0f}, 0, 2, 1)).isCloseTo(1000, within(1e-9));
    }

    @Test
    void rankCountsClassesScoringHigherAndPutsNanLast() {
        float[] logits = {0.1f, 0.9f, 0.5f, 0.3f, 0.2f, 0.0f, 0.7f};
        assertThat(Evaluator.rank(logits, 0, 7, 1)).isZero();
        assertThat(Evaluator.rank(logits, 0, 7, 2)).isEqualTo(2);
        assertThat(Evaluator.rank(logits, 0, 7, 5)).isEqualTo(6);
        assertThat(Evaluator.rank(new float[] {Float.NaN, 0f}, 0, 2, 0)).isEqualTo(2);
    }

    @Test
    void evaluationOfAKnownNetworkGivesItsExactScores() {
        var net = new SoftmaxRegressionBackend().compile(SoftmaxRegressionBackend.architecture(),
                dev.zoo.api.backend.NetworkOptions.defaults());
        var data = SoftmaxRegressionBackend.data(1, false);
        Evaluation e = Evaluator.evaluate(net, data, 5);
        float[] logits = net.predict(data.batches(0, 24, 0).next());
        var labels = data.batches(0, 24, 0).next().labels();
        double loss = 0;
        int top1 = 0;
        for (int i = 0; i < 24; i++) {
            loss += Evaluator.crossEntropy(logits, 3 * i, 3, labels[i]);
            top1 += Evaluator.rank(logits, 3 * i, 3, labels[i]) == 0 ? 1 : 0;
        }
        assertThat(e.examples()).isEqualTo(24);
        assertThat(e.loss()).isCloseTo(loss / 24, within(1e-12));
        assertThat(e.top1()).isEqualTo(top1 / 24.0);
        assertThat(e.top5()).isEqualTo(1.0);
    }
}

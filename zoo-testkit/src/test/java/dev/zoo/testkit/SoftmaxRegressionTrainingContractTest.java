package dev.zoo.testkit;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.SoftmaxRegressionBackend;

/** Runs the training contract on the pure-Java reference backend, which holds it by construction. */
class SoftmaxRegressionTrainingContractTest extends TrainingContract {

    @Override
    protected Backend backend() {
        return new SoftmaxRegressionBackend();
    }

    @Override
    protected Architecture architecture() {
        return SoftmaxRegressionBackend.architecture();
    }
}

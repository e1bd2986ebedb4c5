package dev.zoo.api.engine;

import dev.zoo.api.backend.Optimizer;
import java.util.function.Function;

/**
 * The scalars of one optimiser step that change from step to step: the learning rate, and for Adam
 * the step size {@code lr / (1 - beta1^t)} and the root of the second bias correction
 * {@code sqrt(1 - beta2^t)}. They are computed here once in double precision; a backend turns them
 * into its own scalars (constants, or placeholders it feeds on every step).
 */
public record StepFactors<T>(T learningRate, T adamStepSize, T adamRootCorrection) {

    /** The factors of step {@code step} (counted from 1) at learning rate {@code learningRate}. */
    public static StepFactors<Double> of(Optimizer optimizer, long step, double learningRate) {
        if (step < 1) {
            throw new IllegalArgumentException("optimizer step is counted from 1, got " + step);
        }
        return optimizer.accept(new Optimizer.Visitor<>() {
            @Override
            public StepFactors<Double> sgd(Optimizer.Sgd sgd) {
                return new StepFactors<>(learningRate, 0.0, 1.0);
            }

            @Override
            public StepFactors<Double> adam(Optimizer.Adam adam) {
                double correction1 = 1 - Math.pow(adam.beta1(), step);
                double correction2 = 1 - Math.pow(adam.beta2(), step);
                return new StepFactors<>(learningRate, learningRate / correction1, Math.sqrt(correction2));
            }
        });
    }

    /** The same factors in another representation. */
    public <U> StepFactors<U> map(Function<T, U> f) {
        return new StepFactors<>(f.apply(learningRate), f.apply(adamStepSize), f.apply(adamRootCorrection));
    }
}

package dev.zoo.api.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The learning rate of each optimiser step, computed by the training loop (never by a backend) so
 * the same recipe gives the same rates on every engine. Steps count from 0 over the whole run.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LearningRateSchedule.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = LearningRateSchedule.MultiStep.class, name = "multistep"),
    @JsonSubTypes.Type(value = LearningRateSchedule.Cosine.class, name = "cosine")
})
public sealed interface LearningRateSchedule {

    /** The rate at step {@code step} (0-based) of a run of {@code totalSteps} steps. */
    double rate(long step, long totalSteps);

    /** The rate before any decay or warm-up. */
    double base();

    /** The same rate at every step. */
    record Constant(double base) implements LearningRateSchedule {
        public Constant {
            positive("constant", base);
        }

        @Override
        public double rate(long step, long totalSteps) {
            return base;
        }
    }

    /**
     * The base rate multiplied by {@code gamma} at each milestone step passed (PyTorch's
     * {@code MultiStepLR}, counted in steps): the rate at step {@code s} is
     * {@code base * gamma^(number of milestones <= s)}.
     */
    record MultiStep(double base, List<Long> milestones, double gamma) implements LearningRateSchedule {
        public MultiStep {
            positive("multistep", base);
            milestones = List.copyOf(milestones);
            for (int i = 0; i < milestones.size(); i++) {
                if (milestones.get(i) < 1 || (i > 0 && milestones.get(i) <= milestones.get(i - 1))) {
                    throw new IllegalArgumentException("multistep schedule: milestones must be increasing steps >= 1, got "
                            + milestones);
                }
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("multistep schedule: gamma must be in (0, 1], got " + gamma);
            }
        }

        /** Decays by {@code gamma} every {@code every} steps up to {@code totalSteps} (PyTorch's {@code StepLR}). */
        public static MultiStep every(double base, long every, double gamma, long totalSteps) {
            if (every < 1) {
                throw new IllegalArgumentException("step schedule: the decay interval must be >= 1 step, got " + every);
            }
            java.util.ArrayList<Long> m = new java.util.ArrayList<>();
            for (long s = every; s < totalSteps; s += every) {
                m.add(s);
            }
            return new MultiStep(base, m, gamma);
        }

        @Override
        public double rate(long step, long totalSteps) {
            double r = base;
            for (long m : milestones) {
                if (step >= m) {
                    r *= gamma;
                }
            }
            return r;
        }
    }

    /**
     * A linear warm-up from {@code base / warmupSteps} to {@code base} over the first
     * {@code warmupSteps} steps, then a cosine decay to {@code minimum} at the last step
     * (SGDR without restarts, Loshchilov and Hutter 2016, https://arxiv.org/abs/1608.03983).
     */
    record Cosine(double base, long warmupSteps, double minimum) implements LearningRateSchedule {
        public Cosine {
            positive("cosine", base);
            if (warmupSteps < 0) {
                throw new IllegalArgumentException("cosine schedule: warm-up steps must be >= 0, got " + warmupSteps);
            }
            if (!(minimum >= 0 && minimum <= base)) {
                throw new IllegalArgumentException("cosine schedule: minimum rate must be in [0, " + base + "], got "
                        + minimum);
            }
        }

        @Override
        public double rate(long step, long totalSteps) {
            if (step < warmupSteps) {
                return base * (step + 1) / warmupSteps;
            }
            long decaySteps = totalSteps - warmupSteps;
            if (decaySteps <= 1) {
                return base;
            }
            double progress = Math.min(1.0, (double) (step - warmupSteps) / (decaySteps - 1));
            return minimum + 0.5 * (base - minimum) * (1 + Math.cos(Math.PI * progress));
        }
    }

    private static void positive(String kind, double base) {
        if (!(base > 0) || !Double.isFinite(base)) {
            throw new IllegalArgumentException(kind + " schedule: the learning rate must be > 0 and finite, got " + base);
        }
    }
}

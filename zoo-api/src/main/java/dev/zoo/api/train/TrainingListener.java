package dev.zoo.api.train;

import java.nio.file.Path;
import java.util.Map;

/** Observes a run; every method is optional. Listeners run on the training thread, in order of registration. */
public interface TrainingListener {

    /** Before the first step of this call; {@code state} is where it starts (not 0 when resuming). */
    default void onStart(TrainingConfig config, TrainingState state, long totalSteps) {
    }

    default void onStep(StepEvent event) {
    }

    /** Per-tensor gradient L2 norms after step {@code step}, when the backend reports them. */
    default void onGradientNorms(long step, Map<String, Double> norms) {
    }

    default void onEpochEnd(EpochEvent event) {
    }

    default void onCheckpoint(TrainingState state, Path directory) {
    }

    /** After the last step, or when training stops early with {@code failure} (then non-null). */
    default void onEnd(TrainingState state, RuntimeException failure) {
    }
}

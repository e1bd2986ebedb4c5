package dev.zoo.bench.compare;

import dev.zoo.api.train.TrainingConfig;
import java.util.List;

/**
 * What one child JVM of a comparison does, written as {@code job.json} by the parent and read by
 * {@link CompareWorker}: train one model on one backend, evaluate trained weights on one backend,
 * or time synthetic training steps of one runner on command.
 *
 * @param task    {@code train}, {@code evaluate} or {@code speed}
 * @param backend backend id (for {@code speed}: a runner id, see {@link SpeedRunner})
 * @param model   zoo model name ({@code train}, {@code speed})
 * @param data    the dataset ({@code train}, {@code evaluate})
 * @param config  the recipe ({@code train}; {@code evaluate} takes its batch size and optimiser)
 * @param result  file the child writes its result to
 * @param weights what to evaluate ({@code evaluate})
 * @param input   shape of one synthetic example ({@code speed}), e.g. {@code 3x32x32}
 * @param warmup  untimed steps before the first round ({@code speed})
 */
public record WorkerJob(String task, String backend, String model, CompareData data, TrainingConfig config,
        String result, List<WeightsToEvaluate> weights, String input, int warmup) {

    /**
     * Final weights of one run, to be evaluated.
     *
     * @param model       zoo model name
     * @param weightsFrom the backend that trained them
     * @param file        the safetensors file
     */
    public record WeightsToEvaluate(String model, String weightsFrom, String file) {
    }
}

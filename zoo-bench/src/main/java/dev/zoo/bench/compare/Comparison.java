package dev.zoo.bench.compare;

import java.util.List;

/**
 * Everything one {@code zoo compare} measured, as {@code summary.json} holds it and the report draws it.
 *
 * @param title            one line: models, backends and dataset
 * @param recipe           the recipe in words (epochs, batch size, optimiser, schedule, seed, data)
 * @param machine          the machine in words (CPUs, native threads, Java)
 * @param models           the models, in report order
 * @param backends         the backends, in report order
 * @param runs             one entry per backend and model
 * @param crossEvaluations every backend's final weights evaluated on every backend
 * @param problems         what went wrong outside a run (a cross-evaluation that failed)
 * @param seconds          wall time of the whole comparison
 * @param speed            the synthetic-batch throughput table, for {@code --speed-only}; else null
 */
public record Comparison(String title, String recipe, String machine, List<String> models, List<String> backends,
        List<RunFigures> runs, List<CrossEvaluation> crossEvaluations, List<String> problems, double seconds,
        SpeedTable speed) {

    public Comparison {
        models = List.copyOf(models);
        backends = List.copyOf(backends);
        runs = runs == null ? List.of() : List.copyOf(runs);
        crossEvaluations = crossEvaluations == null ? List.of() : List.copyOf(crossEvaluations);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** The run of {@code backend} on {@code model}, or null. */
    public RunFigures run(String backend, String model) {
        return runs.stream().filter(r -> r.backend().equals(backend) && r.model().equals(model)).findFirst()
                .orElse(null);
    }

    /** The cell of the matrix for {@code model}, or null when it was not measured. */
    public CrossEvaluation cross(String model, String weightsFrom, String evaluatedOn) {
        return crossEvaluations.stream().filter(c -> c.model().equals(model) && c.weightsFrom().equals(weightsFrom)
                && c.evaluatedOn().equals(evaluatedOn)).findFirst().orElse(null);
    }
}

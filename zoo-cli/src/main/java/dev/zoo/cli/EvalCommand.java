package dev.zoo.cli;

import com.google.inject.Guice;
import dev.zoo.api.train.Evaluation;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo eval}: scores a run's weights on the test split of its dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Print loss, top-1 and top-5 accuracy of a run's weights on the test split.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a folder written by zoo train")
    Path run;

    @Option(names = "--weights", description = "weights to score instead of the run's weights.safetensors")
    Path weights;

    @Option(names = "--backend", description = "backend to score on (default: the run's)")
    String backend;

    @Override
    public Integer call() {
        Evaluation e = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class).evaluate(run, weights, backend);
        spec.commandLine().getOut().printf(Locale.ROOT, "test loss %.4f%ntop-1 %.2f%%%ntop-5 %.2f%%%nimages %d%n",
                e.loss(), 100 * e.top1(), 100 * e.top5(), e.examples());
        spec.commandLine().getOut().flush();
        return 0;
    }
}

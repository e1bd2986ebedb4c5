package dev.zoo.cli;

import com.google.inject.Guice;
import dev.zoo.api.train.Prediction;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo predict}: names what a trained run sees in image files. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Print the top-5 classes, with names and probabilities, of each image (PNG or JPEG).")
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR IMAGE...",
            description = "a folder written by zoo train, then image files; with --model, image files only")
    List<Path> paths;

    @Option(names = "--weights", description = "weights to use instead of the run's weights.safetensors;"
            + " with --model, the weights to use (from zoo import torch, for example)")
    Path weights;

    @Option(names = "--model", description = "predict without a run folder: this zoo model at 3x224x224 with"
            + " --weights, images prepared as torchvision evaluates ImageNet (shorter side 256, centre 224 crop,"
            + " ImageNet mean and std)")
    String model;

    @Option(names = "--labels", description = "with --model: a text file with one class name per line")
    Path labels;

    @Option(names = "--backend", description = "backend to run on (default: the run's)")
    String backend;

    @Option(names = "--top", defaultValue = "5", description = "classes to show (default: ${DEFAULT-VALUE})")
    int top;

    /** Prints each image's classes on stdout and each bad file's error on stderr; exit 1 if any was bad. */
    @Override
    public Integer call() {
        ZooApp app = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class);
        List<ImagePrediction> all;
        if (model != null) {
            all = app.predictImageNet(model, weights, paths, backend, top, labels);
        } else {
            if (labels != null) {
                throw new IllegalArgumentException("--labels goes with --model; a run folder has its class names");
            }
            if (paths.size() < 2) {
                throw new IllegalArgumentException("give a run folder and at least one image (or --model and images)");
            }
            all = app.predict(paths.get(0), paths.subList(1, paths.size()), weights, backend, top);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (ImagePrediction p : all) {
            if (p.failed()) {
                out.flush();
                err.println(spec.qualifiedName() + ": " + p.error());
                err.flush();
                continue;
            }
            out.println(p.image());
            for (Prediction c : p.predictions()) {
                out.printf(Locale.ROOT, "  %6.2f%%  %2d  %s%n", 100 * c.probability(), c.label(), c.name());
            }
        }
        out.flush();
        return all.stream().anyMatch(ImagePrediction::failed) ? UserErrorHandler.USER_ERROR : 0;
    }
}

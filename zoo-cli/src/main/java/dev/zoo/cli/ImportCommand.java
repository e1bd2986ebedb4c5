package dev.zoo.cli;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.importer.keras.KerasImport;
import dev.zoo.importer.torch.TorchImport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zoo import keras|torch}: a Keras model (config, and weights) as a zoo architecture file and
 * safetensors, or a torchvision state dict as canonical safetensors for the same zoo model.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        subcommands = {ImportCommand.Keras.class, ImportCommand.Torch.class},
        description = "Bring a network or weights in from Keras or PyTorch.")
final class ImportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** {@code zoo import} alone is a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "zoo import: give keras or torch");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String describe(Architecture a) {
        return a.name() + ", input " + a.input() + ", " + a.classes() + " classes, " + count(a.trainableParameterCount())
                + " parameters";
    }

    /** {@code zoo import keras MODEL [--weights FILE] --out net.json}. */
    @Command(name = "keras", mixinStandardHelpOptions = true,
            description = "Turn a Keras model (model.to_json() output, a .keras file or a full-model .h5) into an "
                    + "architecture file, and its weights (.h5 / .weights.h5, or those inside the model file) into "
                    + "safetensors. Layers zoo cannot express exactly are refused, naming the layer and attribute.")
    static final class Keras implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "MODEL", description = "model.json, model.keras or model.h5")
        Path model;

        @Option(names = "--weights", paramLabel = "FILE", description = "Keras weights (.h5 or .weights.h5)")
        Path weights;

        @Option(names = "--out", required = true, paramLabel = "NET.json", description = "architecture file to write")
        Path out;

        @Option(names = "--weights-out", paramLabel = "W.safetensors",
                description = "where the weights go (default: next to --out, with .safetensors)")
        Path weightsOut;

        @Override
        public Integer call() throws IOException {
            Path w = weightsOut != null ? weightsOut : siblingSafetensors(out);
            KerasImport.Result r = KerasImport.convert(model, weights, out, w);
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + out + ": " + describe(r.architecture()));
            r.weights().ifPresentOrElse(ws -> o.println("wrote " + w + ": " + ws.size() + " tensors"),
                    () -> o.println("no weights (give --weights FILE to convert them too)"));
            o.flush();
            return 0;
        }

        private static Path siblingSafetensors(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".safetensors");
        }
    }

    /** {@code zoo import torch FILE --model NAME --out W}. */
    @Command(name = "torch", mixinStandardHelpOptions = true,
            description = "Turn a torchvision state dict (torch.save .pth, or .safetensors with torchvision's names) "
                    + "into safetensors with zoo's canonical names for the same model, read without Python.")
    static final class Torch implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "FILE.pth or FILE.safetensors")
        Path file;

        @Option(names = "--model", required = true,
                description = "the zoo model it is for: alexnet, vgg11...vgg19, vgg11_bn...vgg19_bn, resnet18...resnet152")
        String model;

        @Option(names = "--out", required = true, paramLabel = "W.safetensors", description = "safetensors file to write")
        Path out;

        @Option(names = "--input", paramLabel = "CxHxW", converter = ShapeConverter.class,
                description = "input shape of one example (default 3x224x224; ResNets take any size)")
        Shape input;

        @Override
        public Integer call() throws IOException {
            TorchImport.Result r = TorchImport.convert(file, model, input, out);
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + out + ": " + r.weights().size() + " tensors for " + describe(r.architecture())
                    + (r.ignored() > 0 ? " (" + r.ignored() + " num_batches_tracked entries left out)" : ""));
            o.flush();
            return 0;
        }
    }
}

package dev.zoo.cli;

import com.google.inject.Guice;
import dev.zoo.api.spec.Architecture;
import dev.zoo.onnx.OnnxExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zoo export}: writes a run's network in a format other tools run. */
@Command(name = "export", mixinStandardHelpOptions = true, subcommands = ExportCommand.Onnx.class,
        description = "Write a run's trained network in a format other tools run.")
public final class ExportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** {@code zoo export} alone is a usage error: it needs a format. */
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "zoo export: give a format (onnx)");
    }

    /** {@code zoo export onnx RUN_DIR --out model.onnx}. */
    @Command(name = "onnx", mixinStandardHelpOptions = true,
            description = "Write a run's network and weights as an ONNX model (opset 13, NCHW, inference graph, "
                    + "input 'input' [batch, C, H, W], output 'logits' [batch, classes]) for ONNX Runtime, TensorRT, "
                    + "OpenVINO or a browser.")
    static final class Onnx implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a folder written by zoo train")
        Path run;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the ONNX file to write")
        Path out;

        @Option(names = "--weights", description = "weights to export instead of the run's weights.safetensors")
        Path weights;

        @Override
        public Integer call() throws IOException {
            ZooApp app = Guice.createInjector(new ZooModule()).getInstance(ZooApp.class);
            Architecture a = app.exportOnnx(run, weights, out);
            String dims = a.input().dims().stream().map(String::valueOf).collect(Collectors.joining(", "));
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s, input '%s' [batch, %s], output '%s' [batch, %d],"
                    + " %,d bytes%n", out, a.name(), OnnxExport.INPUT, dims, OnnxExport.OUTPUT, a.classes(),
                    Files.size(out));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}

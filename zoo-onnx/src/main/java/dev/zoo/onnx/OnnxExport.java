package dev.zoo.onnx;

import com.google.protobuf.CodedOutputStream;
import dev.zoo.api.io.AtomicFiles;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Weights;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a zoo network as a standard ONNX model that ONNX Runtime, TensorRT, OpenVINO or a browser
 * runs: opset {@value OnnxProto#OPSET}, NCHW, the inference graph (batch norm from its running
 * statistics, dropout removed), one input {@value #INPUT} of shape {@code [batch, C, H, W]} and one
 * output {@value #OUTPUT} of shape {@code [batch, classes]} (no softmax), with a symbolic batch
 * dimension. Weights keep their canonical names ({@code stage1.block1.conv1.weight}) as
 * initializers.
 */
public final class OnnxExport {

    /** The graph input's name. */
    public static final String INPUT = "input";
    /** The graph output's name: unnormalised class scores. */
    public static final String OUTPUT = "logits";

    private OnnxExport() {
    }

    /**
     * Writes {@code architecture} with {@code weights} to {@code target}: to a temporary file beside
     * it, then moved into place, so a failure leaves no partial file and any earlier file intact.
     *
     * @throws IllegalArgumentException when the weights do not fit the architecture, a layer has no
     *                                  ONNX form, or the model is larger than protobuf's 2 GiB
     * @throws IOException              when the file cannot be written (the message names it)
     */
    public static void write(Architecture architecture, Weights weights, Path target) throws IOException {
        ProtoMessage model = model(architecture, weights);
        if (Files.isDirectory(target)) {
            throw new IOException("ONNX model " + target + ": cannot write it: it is a directory; give a file name");
        }
        try {
            AtomicFiles.write(target, out -> {
                CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
                model.writeTo(coded);
                coded.flush();
            });
        } catch (IOException e) {
            throw new IOException("ONNX model " + target + ": cannot write it: " + reason(e, target), e);
        }
    }

    /**
     * What went wrong, in words, where the JDK names only a file; a failure on the temporary file
     * beside the target is reported as one on the target's folder, which is what the user chose.
     */
    private static String reason(IOException e, Path target) {
        if (!(e instanceof FileSystemException f) || f.getFile() == null) {
            return e.getMessage();
        }
        Path file = Path.of(f.getFile());
        boolean temporary = file.getFileName() != null
                && file.getFileName().toString().startsWith("." + target.getFileName() + ".");
        String where = temporary ? "cannot create a file in " + file.toAbsolutePath().getParent() : file.toString();
        if (e instanceof FileAlreadyExistsException) {
            return file + " is not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + where;
        }
        if (e instanceof NoSuchFileException) {
            return temporary ? where : file + " does not exist";
        }
        return where + (f.getReason() == null ? "" : ": " + f.getReason());
    }

    /** The encoded ONNX model (not yet written). */
    static ProtoMessage model(Architecture architecture, Weights weights) {
        weights.check(architecture);
        OnnxGraph graph = new OnnxGraph();
        String last = new OnnxCompiler(architecture, weights, graph).network().apply(INPUT);
        List<Long> inputDims = new ArrayList<>();
        inputDims.add(null);
        architecture.input().dims().forEach(d -> inputDims.add((long) d));
        List<Long> outputDims = new ArrayList<>();
        outputDims.add(null);
        outputDims.add((long) architecture.classes());
        ProtoMessage model = OnnxProto.model(
                graph.finish(architecture.name(), INPUT, inputDims, last, OUTPUT, outputDims),
                architecture.name() + ": " + architecture.description());
        if (model.size() > ProtoMessage.MAX_SIZE) {
            throw new IllegalArgumentException(architecture.name() + ": an ONNX file holds at most 2 GiB (protobuf's"
                    + " limit), this model needs " + model.size() + " bytes");
        }
        return model;
    }
}

package dev.zoo.importer.keras;

import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import dev.zoo.importer.ImportException;
import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Keras model as a zoo architecture, and its weights as canonical zoo weights. The config comes
 * from {@code model.to_json()} output, a Keras 3 {@code .keras} file or a Keras 2 full-model
 * {@code .h5}; the weights from a {@code .h5} / {@code .weights.h5} file, or from the {@code .keras}
 * file itself. See {@link KerasTranslator} for what is imported and what is refused.
 */
public final class KerasImport {

    /** The architecture, and its weights when a weights file was given (or the model file holds them). */
    public record Result(Architecture architecture, Optional<Weights> weights) {
    }

    private KerasImport() {
    }

    /** The layers Keras models may use. */
    public static String supportedLayers() {
        return KerasTranslator.SUPPORTED;
    }

    /**
     * Reads {@code model} (and {@code weights}, which may be null).
     *
     * @throws ImportException naming the file and the layer and attribute zoo cannot express
     */
    public static Result load(Path model, Path weights) throws IOException {
        KerasTranslator.Result t = KerasTranslator.translate(KerasModel.read(model));
        if (weights != null) {
            if (!Files.isRegularFile(weights)) {
                throw new NoSuchFileException(weights.toString());
            }
            try (HdfFile hdf = new HdfFile(weights)) {
                return new Result(t.architecture(), Optional.of(read(hdf, weights.toString(), t)));
            } catch (HdfException e) {
                throw new ImportException(weights + ": not a readable HDF5 file (" + e.getMessage() + ")");
            }
        }
        String name = model.getFileName().toString();
        if (name.endsWith(".keras")) {
            try (ZipFile zip = new ZipFile(model.toFile())) {
                ZipEntry entry = zip.getEntry("model.weights.h5");
                if (entry != null) {
                    try (InputStream in = zip.getInputStream(entry); HdfFile hdf = HdfFile.fromInputStream(in)) {
                        return new Result(t.architecture(), Optional.of(read(hdf, model + "!model.weights.h5", t)));
                    }
                }
            }
        }
        if (name.endsWith(".h5")) {
            try (HdfFile hdf = new HdfFile(model)) {
                if (hdf.getChild("model_weights") != null) {
                    return new Result(t.architecture(), Optional.of(read(hdf, model.toString(), t)));
                }
            }
        }
        return new Result(t.architecture(), Optional.empty());
    }

    private static Weights read(HdfFile hdf, String source, KerasTranslator.Result t) {
        return KerasWeights.read(hdf, source, t.architecture(), t.plans());
    }

    /**
     * {@link #load} then writes the architecture file {@code out} and, when there are weights,
     * {@code weightsOut}; both are computed before either is written, and each is written atomically.
     */
    public static Result convert(Path model, Path weights, Path out, Path weightsOut) throws IOException {
        Result result = load(model, weights);
        if (result.weights().isPresent()) {
            SafeTensors.write(result.weights().get(), Map.of("architecture", result.architecture().name(),
                    "source", (weights != null ? weights : model).getFileName().toString()), weightsOut);
        }
        ArchitectureJson.write(result.architecture(), out);
        return result;
    }
}

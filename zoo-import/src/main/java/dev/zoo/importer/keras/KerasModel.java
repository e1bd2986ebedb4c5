package dev.zoo.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.importer.ImportException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A Keras model config as {@code model.to_json()} writes it (Keras 2 and 3, Sequential or
 * functional), from a {@code .json} file, the {@code config.json} of a Keras 3 {@code .keras} zip, or
 * the {@code model_config} attribute of a Keras 2 full-model {@code .h5}. Layers are in the config's
 * order; the input layer is not among them.
 *
 * @param source     the file, for messages
 * @param name       the model's name
 * @param inputShape one example's shape as Keras gives it ({@code [32, 32, 3]} for channels-last)
 * @param inputName  the name the first layers take their input from
 * @param layers     every layer but the input
 * @param outputName the layer that gives the model's output
 */
record KerasModel(String source, String name, List<Integer> inputShape, String inputName, List<KerasLayer> layers,
        String outputName) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the config of a {@code .json}, {@code .keras} or full-model {@code .h5} file. */
    static KerasModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            if (name.endsWith(".keras")) {
                root = JSON.readTree(kerasZipEntry(file, "config.json"));
            } else if (name.endsWith(".h5")) {
                root = JSON.readTree(h5ModelConfig(file));
            } else {
                root = JSON.readTree(file.toFile());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportException(file + ": not a JSON model config: " + e.getOriginalMessage());
        }
        return parse(root, file.toString());
    }

    static KerasModel parse(JsonNode root, String source) {
        String className = root.path("class_name").asText("");
        JsonNode config = root.path("config");
        String modelName = config.path("name").asText("keras_model");
        return switch (className) {
            case "Sequential" -> sequential(config, modelName, source);
            case "Functional", "Model" -> functional(config, modelName, source);
            default -> throw new ImportException(source + ": class_name '" + className
                    + "' at the top; expected a Keras model config (Sequential, Functional or Model) as model.to_json() writes");
        };
    }

    private static KerasModel sequential(JsonNode config, String modelName, String source) {
        List<Integer> input = shape(config.path("build_input_shape"));
        String inputName = "input";
        List<KerasLayer> layers = new ArrayList<>();
        String previous = inputName;
        for (JsonNode l : config.path("layers")) {
            String className = l.path("class_name").asText();
            JsonNode c = l.path("config");
            String name = c.path("name").asText();
            if (input == null) {
                input = shape(c.has("batch_shape") ? c.path("batch_shape") : c.path("batch_input_shape"));
            }
            if (className.equals("InputLayer")) {
                continue;
            }
            layers.add(new KerasLayer(className, name, c, List.of(previous)));
            previous = name;
        }
        if (layers.isEmpty()) {
            throw new ImportException(source + ": the Sequential model has no layers");
        }
        if (input == null) {
            throw new ImportException(source + ": the model config gives no input shape (no InputLayer, "
                    + "batch_input_shape or build_input_shape); build the model on an input before saving it");
        }
        return new KerasModel(source, modelName, input, inputName, layers, previous);
    }

    private static KerasModel functional(JsonNode config, String modelName, String source) {
        JsonNode inputs = config.path("input_layers");
        JsonNode outputs = config.path("output_layers");
        if (endpoints(inputs).size() != 1 || endpoints(outputs).size() != 1) {
            throw new ImportException(source + ": the model has " + endpoints(inputs).size() + " inputs and "
                    + endpoints(outputs).size() + " outputs; zoo imports models with one of each");
        }
        String inputName = endpoints(inputs).get(0);
        List<Integer> input = null;
        List<KerasLayer> layers = new ArrayList<>();
        for (JsonNode l : config.path("layers")) {
            String className = l.path("class_name").asText();
            JsonNode c = l.path("config");
            String name = l.has("name") ? l.path("name").asText() : c.path("name").asText();
            if (className.equals("InputLayer")) {
                if (name.equals(inputName)) {
                    input = shape(c.has("batch_shape") ? c.path("batch_shape") : c.path("batch_input_shape"));
                }
                continue;
            }
            JsonNode nodes = l.path("inbound_nodes");
            if (nodes.size() != 1) {
                throw new ImportException(source + ": layer '" + name + "' (" + className + ") is called "
                        + nodes.size() + " times; zoo imports models that use each layer once");
            }
            List<String> from = new ArrayList<>();
            collectInputs(nodes.get(0), from);
            layers.add(new KerasLayer(className, name, c, from));
        }
        if (input == null) {
            throw new ImportException(source + ": no InputLayer named '" + inputName + "' with a shape");
        }
        return new KerasModel(source, modelName, input, inputName, layers, endpoints(outputs).get(0));
    }

    /** {@code [["name", 0, 0]]} or, for a single endpoint, {@code ["name", 0, 0]}. */
    private static List<String> endpoints(JsonNode list) {
        List<String> names = new ArrayList<>();
        if (list.isArray() && list.size() > 0 && list.get(0).isTextual()) {
            names.add(list.get(0).asText());
        } else {
            list.forEach(e -> names.add(e.path(0).asText()));
        }
        return names;
    }

    /**
     * The layer names an inbound node reads: Keras 2 writes {@code [["name", 0, 0, {}], ...]}, Keras 3
     * {@code {"args": [keras tensors, or a list of them], "kwargs": {}}} with each tensor's
     * {@code config.keras_history} = {@code ["name", 0, 0]}.
     */
    private static void collectInputs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode history = node.path("config").path("keras_history");
            if (node.path("class_name").asText().equals("__keras_tensor__") && history.isArray()) {
                out.add(history.get(0).asText());
                return;
            }
            collectInputs(node.path("args"), out);
            return;
        }
        if (node.isArray()) {
            if (node.size() >= 3 && node.get(0).isTextual() && node.get(1).isInt()) {
                out.add(node.get(0).asText());
                return;
            }
            node.forEach(n -> collectInputs(n, out));
        }
    }

    /** A batch shape without its batch dimension; null when absent. */
    private static List<Integer> shape(JsonNode batchShape) {
        if (!batchShape.isArray() || batchShape.size() < 2) {
            return null;
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 1; i < batchShape.size(); i++) {
            dims.add(batchShape.get(i).isNull() ? -1 : batchShape.get(i).asInt());
        }
        return dims;
    }

    private static byte[] kerasZipEntry(Path file, String entryName) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new ImportException(file + ": a .keras file without " + entryName);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (ZipException e) {
            throw new ImportException(file + ": not a complete .keras zip archive (" + e.getMessage() + ")");
        }
    }

    private static byte[] h5ModelConfig(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute config = hdf.getAttribute("model_config");
            if (config == null) {
                throw new ImportException(file + ": an HDF5 file without a model_config attribute (a weights-only "
                        + "file?); give the model's JSON config and this file as --weights");
            }
            Object value = config.getData();
            return (value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (io.jhdf.exceptions.HdfException e) {
            throw new ImportException(file + ": not a readable HDF5 file (" + e.getMessage() + ")");
        }
    }
}

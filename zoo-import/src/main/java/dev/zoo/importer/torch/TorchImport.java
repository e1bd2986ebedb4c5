package dev.zoo.importer.torch;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Tensor;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.importer.ImportException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A torchvision state dict ({@code torch.save} file or safetensors with torchvision's names) as
 * canonical zoo {@link Weights} for the same model in its ImageNet form. Every tensor the zoo model
 * needs must be there with its exact shape, and every tensor of the file must find a place
 * ({@code num_batches_tracked} aside, which the zoo does not keep); otherwise the import fails on
 * one line naming the file and the first key concerned, and writes nothing.
 */
public final class TorchImport {

    /** The imported weights and the architecture they fit. */
    public record Result(Architecture architecture, Weights weights, int ignored) {
    }

    private static final String IGNORED_SUFFIX = ".num_batches_tracked";

    private TorchImport() {
    }

    /**
     * Reads {@code file} as the state dict of torchvision's {@code model}. The class count is read
     * from the file's last dense layer.
     *
     * @param input shape of one example; null for torchvision's 3x224x224 (ResNets take any size,
     *              AlexNet and VGG need the size their classifier was trained for)
     */
    public static Result load(Path file, String model, Shape input) throws IOException {
        TorchvisionNames.check(model);
        TorchStateDict dict = file.getFileName().toString().endsWith(".safetensors")
                ? new TorchStateDict(SafeTensors.read(file).asMap(), Map.of()) : TorchArchive.read(file);
        ZooOptions options = ZooOptions.defaults().withHead(HeadOption.IMAGENET)
                .withInput(input == null ? Shape.chw(3, 224, 224) : input);
        Architecture architecture = ModelZoo.build(model, options.withClasses(1000));
        for (String logits : TorchvisionNames.logitsWeight()) {
            Tensor t = dict.floats().get(logits);
            if (t != null && t.shape().size() == 2 && t.shape().get(0) != 1000) {
                architecture = ModelZoo.build(model, options.withClasses(t.shape().get(0)));
            }
        }
        Map<String, String> torchNames = TorchvisionNames.of(model, architecture);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ParameterSpec p : architecture.parameters()) {
            String torchName = torchNames.get(p.name());
            Tensor t = dict.floats().get(torchName);
            if (t == null) {
                missing.add(torchName + "' (for " + p.name() + ")");
                continue;
            }
            if (!t.shape().equals(p.shape())) {
                throw new ImportException(file + ": '" + torchName + "' has shape " + t.shape() + ", but "
                        + architecture.name() + " at input " + architecture.input() + " needs " + p.shape() + " for "
                        + p.name());
            }
            tensors.put(p.name(), t);
        }
        if (!missing.isEmpty()) {
            throw new ImportException(file + ": no tensor '" + missing.get(0) + more(missing.size())
                    + "; is the file a state dict of torchvision's " + model + "?");
        }
        Set<String> leftOver = new LinkedHashSet<>(dict.floats().keySet());
        leftOver.addAll(dict.others().keySet());
        leftOver.removeAll(torchNames.values());
        int ignored = 0;
        for (String key : List.copyOf(leftOver)) {
            if (key.endsWith(IGNORED_SUFFIX)) {
                leftOver.remove(key);
                ignored++;
            }
        }
        if (!leftOver.isEmpty()) {
            List<String> keys = List.copyOf(leftOver);
            throw new ImportException(file + ": key '" + keys.get(0) + "' has no place in torchvision's " + model
                    + more(keys.size()) + "; is the file for another model?");
        }
        Weights weights = new Weights(tensors);
        weights.check(architecture);
        return new Result(architecture, weights, ignored);
    }

    /** {@link #load} then writes the weights to {@code out} as safetensors, atomically. */
    public static Result convert(Path file, String model, Shape input, Path out) throws IOException {
        Result result = load(file, model, input);
        SafeTensors.write(result.weights(), Map.of("architecture", model, "source", file.getFileName().toString()),
                out);
        return result;
    }

    private static String more(int count) {
        return count > 1 ? " (and " + (count - 1) + " more)" : "";
    }
}

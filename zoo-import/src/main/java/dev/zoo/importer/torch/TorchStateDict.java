package dev.zoo.importer.torch;

import dev.zoo.api.weights.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of a PyTorch state dict under their PyTorch names, in the file's order: floating-point
 * ones as float32 {@link Tensor}s, the others (such as {@code num_batches_tracked}) by their storage
 * type's name only.
 *
 * @param floats   name to tensor, in row-major order
 * @param others   name to storage type (for example {@code torch.LongStorage})
 */
public record TorchStateDict(Map<String, Tensor> floats, Map<String, String> others) {

    public TorchStateDict {
        floats = Collections.unmodifiableMap(new LinkedHashMap<>(floats));
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }
}

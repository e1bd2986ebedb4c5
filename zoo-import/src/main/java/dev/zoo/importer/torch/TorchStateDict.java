package dev.zoo.importer.torch;

import dev.zoo.api.weights.Tensor;
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
        floats = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(floats));
        others = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(others));
    }
}

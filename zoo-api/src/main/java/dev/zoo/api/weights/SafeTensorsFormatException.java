package dev.zoo.api.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a valid safetensors file, or holds something zoo cannot read. The message
 * names the file, the tensor (when one is at fault), the rule and the value found, for example
 * {@code model.safetensors: tensor 'conv1.weight': data_offsets [0, 100] hold 100 bytes but F32 shape
 * [16, 3, 3, 3] needs 1728}.
 */
public class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String tensor;

    public SafeTensorsFormatException(Path file, String tensor, String problem) {
        super(file + ": " + (tensor == null ? "" : "tensor '" + tensor + "': ") + problem);
        this.file = file;
        this.tensor = tensor;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The tensor at fault, or null when the problem is the file as a whole. */
    public String tensor() {
        return tensor;
    }
}

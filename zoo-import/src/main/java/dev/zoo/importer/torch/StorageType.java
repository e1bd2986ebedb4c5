package dev.zoo.importer.torch;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The element types of PyTorch's typed storages ({@code torch.FloatStorage}, ...), as a
 * {@code torch.save} pickle names them. Floating-point ones are read (float64 rounded to float32);
 * integer ones only appear as bookkeeping such as batch norm's {@code num_batches_tracked}.
 */
enum StorageType {
    FLOAT("FloatStorage", 4, true),
    DOUBLE("DoubleStorage", 8, true),
    HALF("HalfStorage", 2, false),
    BFLOAT16("BFloat16Storage", 2, false),
    LONG("LongStorage", 8, false),
    INT("IntStorage", 4, false),
    SHORT("ShortStorage", 2, false),
    CHAR("CharStorage", 1, false),
    BYTE("ByteStorage", 1, false),
    BOOL("BoolStorage", 1, false);

    private final String className;
    private final int bytes;
    private final boolean readable;

    StorageType(String className, int bytes, boolean readable) {
        this.className = className;
        this.bytes = bytes;
        this.readable = readable;
    }

    /** The storage type the pickle global {@code torch.<name>} denotes. */
    static Optional<StorageType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.className.equals(name)).findFirst();
    }

    String className() {
        return "torch." + className;
    }

    int bytes() {
        return bytes;
    }

    /** Whether zoo reads tensors of this type as weights. */
    boolean readable() {
        return readable;
    }

    /** Element {@code index} of a little-endian buffer, as float32. */
    float get(ByteBuffer buffer, long index) {
        int at = Math.toIntExact(index * bytes);
        return switch (this) {
            case FLOAT -> buffer.getFloat(at);
            case DOUBLE -> (float) buffer.getDouble(at);
            default -> throw new IllegalStateException(className() + " is not read as weights");
        };
    }
}

package dev.zoo.onnx;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A protobuf message under construction: fields in the order added, encoded with protobuf-java's
 * {@link CodedOutputStream}. Sizes are computed before writing, so a model streams to its file
 * without a second in-memory copy of the weights (VGG-19 holds 548 MB of them). Float tensors are
 * referenced, not copied, until they are written.
 */
final class ProtoMessage {

    /** One encoded field: its size on the wire (tag included) and how to write it. */
    private record Field(LongSupplier size, FieldWriter writer) {
    }

    /** Protobuf's own limit on one message: a model above it needs ONNX's external data. */
    static final long MAX_SIZE = Integer.MAX_VALUE;

    private static final int FLOATS_PER_CHUNK = 1 << 14;

    private final List<Field> fields = new ArrayList<>();
    private long size = -1;

    ProtoMessage int64(int number, long value) {
        long fieldSize = CodedOutputStream.computeInt64Size(number, value);
        return add(() -> fieldSize, out -> out.writeInt64(number, value));
    }

    ProtoMessage int32(int number, int value) {
        long fieldSize = CodedOutputStream.computeInt32Size(number, value);
        return add(() -> fieldSize, out -> out.writeInt32(number, value));
    }

    ProtoMessage float32(int number, float value) {
        long fieldSize = CodedOutputStream.computeFloatSize(number, value);
        return add(() -> fieldSize, out -> out.writeFloat(number, value));
    }

    ProtoMessage string(int number, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        long fieldSize = CodedOutputStream.computeByteArraySize(number, bytes);
        return add(() -> fieldSize, out -> out.writeByteArray(number, bytes));
    }

    /** A nested message, length-delimited. */
    ProtoMessage message(int number, ProtoMessage value) {
        return add(() -> delimitedSize(number, value.size()), out -> {
            out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt64NoTag(value.size());
            value.writeTo(out);
        });
    }

    /** {@code values} as little-endian float32 bytes, the form of ONNX's {@code raw_data}. */
    ProtoMessage rawFloats(int number, float[] values) {
        long bytes = 4L * values.length;
        return add(() -> delimitedSize(number, bytes), out -> {
            out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt64NoTag(bytes);
            ByteBuffer chunk = ByteBuffer.allocate(4 * FLOATS_PER_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < values.length; start += FLOATS_PER_CHUNK) {
                int n = Math.min(FLOATS_PER_CHUNK, values.length - start);
                chunk.clear();
                chunk.asFloatBuffer().put(values, start, n);
                out.writeRawBytes(chunk.array(), 0, 4 * n);
            }
        });
    }

    /** {@code values} as little-endian int64 bytes ({@code raw_data} of an INT64 tensor). */
    ProtoMessage rawLongs(int number, long[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        byte[] array = bytes.array();
        long fieldSize = CodedOutputStream.computeByteArraySize(number, array);
        return add(() -> fieldSize, out -> out.writeByteArray(number, array));
    }

    /** The encoded size in bytes. */
    long size() {
        if (size < 0) {
            long total = 0;
            for (Field f : fields) {
                total += f.size().getAsLong();
            }
            size = total;
        }
        return size;
    }

    void writeTo(CodedOutputStream out) throws IOException {
        for (Field f : fields) {
            f.writer().write(out);
        }
    }

    private ProtoMessage add(LongSupplier fieldSize, FieldWriter writer) {
        fields.add(new Field(fieldSize, writer));
        size = -1;
        return this;
    }

    private static long delimitedSize(int number, long length) {
        return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt64SizeNoTag(length) + length;
    }

    @FunctionalInterface
    private interface FieldWriter {
        void write(CodedOutputStream out) throws IOException;
    }
}

package dev.zoo.api.weights;

import dev.zoo.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@link Weights} in the safetensors format (https://github.com/huggingface/safetensors),
 * which Python's {@code safetensors} and other tools open: an 8-byte little-endian header length, a
 * JSON header padded with spaces to a multiple of 8, then each tensor's little-endian bytes. Writing
 * uses F32 and keeps the tensors' order; reading accepts F32, F64, F16 and BF16 (converted to
 * float32), keeps the order of the data, and checks every rule of the format against the file.
 */
public final class SafeTensors {

    /** Bytes converted per step, so a large tensor never needs a second full-size buffer. */
    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensors() {
    }

    /** Writes {@code weights} to {@code file} atomically, without metadata. */
    public static void write(Weights weights, Path file) throws IOException {
        write(weights, Map.of(), file);
    }

    /**
     * Writes {@code weights} to {@code file} atomically, with string {@code metadata} (such as
     * {@code "architecture": "resnet20"}) in the header's {@code __metadata__}.
     */
    public static void write(Weights weights, Map<String, String> metadata, Path file) throws IOException {
        byte[] header = SafeTensorsHeader.encode(weights, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            chunk.putLong(header.length);
            out.write(chunk.array(), 0, 8);
            out.write(header);
            for (Tensor tensor : weights.asMap().values()) {
                float[] data = tensor.data();
                for (int from = 0; from < data.length; from += CHUNK_BYTES / 4) {
                    int count = Math.min(CHUNK_BYTES / 4, data.length - from);
                    chunk.clear();
                    chunk.asFloatBuffer().put(data, from, count);
                    out.write(chunk.array(), 0, count * 4);
                }
            }
        });
    }

    /**
     * Reads every tensor of a safetensors file, in the order of their data.
     *
     * @throws SafeTensorsFormatException naming the file, the tensor and the broken rule
     */
    public static Weights read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = SafeTensorsHeader.read(channel, file);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry entry : header.entries()) {
                tensors.put(entry.name(), new Tensor(entry.shape(), data(channel, file, header.dataStart(), entry)));
            }
            return new Weights(tensors);
        }
    }

    /** The {@code __metadata__} map of a safetensors file (empty if it has none), reading only the header. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafeTensorsHeader.read(channel, file).metadata();
        }
    }

    private static float[] data(FileChannel channel, Path file, long dataStart, SafeTensorsHeader.Entry entry)
            throws IOException {
        float[] out = new float[entry.count()];
        int perChunk = CHUNK_BYTES / entry.dtype().bytes();
        for (int from = 0; from < out.length; from += perChunk) {
            int count = Math.min(perChunk, out.length - from);
            long position = dataStart + entry.begin() + (long) from * entry.dtype().bytes();
            ByteBuffer bytes = SafeTensorsHeader.readFully(channel, file, position, count * entry.dtype().bytes());
            entry.dtype().decode(bytes, out, from, count);
        }
        return out;
    }
}

package dev.zoo.api.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link Weights} as safetensors files (little-endian float32 tensors after a JSON
 * header), the format Python's {@code safetensors} package opens.
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /** Writes {@code weights} to {@code file} (replacing it). */
    public static void write(Weights weights, Path file) {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : weights.asMap().entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            e.getValue().shape().forEach(t.putArray("shape")::add);
            long end = offset + 4L * e.getValue().size();
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - head.length % 8) % 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + head.length + pad + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(head.length + pad).put(head);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) ' ');
        }
        for (Tensor t : weights.asMap().values()) {
            buf.asFloatBuffer().put(t.data());
            buf.position(buf.position() + 4 * t.size());
        }
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Reads a safetensors file of float32 tensors, failing with the file and the rule broken. */
    public static Weights read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors " + file + ": cannot read: " + e.getMessage(), e);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 8) {
            throw new IllegalArgumentException("safetensors " + file + ": needs an 8-byte header length, file has "
                    + bytes.length + " bytes");
        }
        long headerLength = buf.getLong();
        if (headerLength < 2 || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException("safetensors " + file + ": header length " + headerLength
                    + " does not fit in a file of " + bytes.length + " bytes");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("safetensors " + file + ": header is not JSON: " + e.getMessage(), e);
        }
        int base = 8 + (int) headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            if (!"F32".equals(t.path("dtype").asText())) {
                throw new IllegalArgumentException("safetensors " + file + ": tensor '" + e.getKey()
                        + "' must be F32, got " + t.path("dtype").asText());
            }
            List<Integer> shape = new ArrayList<>();
            t.path("shape").forEach(d -> shape.add(d.asInt()));
            long begin = t.path("data_offsets").path(0).asLong();
            long end = t.path("data_offsets").path(1).asLong();
            if (begin < 0 || end < begin || base + end > bytes.length || (end - begin) % 4 != 0) {
                throw new IllegalArgumentException("safetensors " + file + ": tensor '" + e.getKey()
                        + "' has data offsets [" + begin + ", " + end + ") outside the " + (bytes.length - base)
                        + " data bytes");
            }
            float[] data = new float[(int) ((end - begin) / 4)];
            ByteBuffer.wrap(bytes, base + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(data);
            tensors.put(e.getKey(), new Tensor(shape, data));
        }
        return new Weights(tensors);
    }
}

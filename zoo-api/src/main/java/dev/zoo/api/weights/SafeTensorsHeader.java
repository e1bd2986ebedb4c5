package dev.zoo.api.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON header of a safetensors file (https://github.com/huggingface/safetensors): where each
 * tensor's bytes lie, their dtype and shape, and an optional string-to-string {@code __metadata__}
 * map. Reading validates every rule of the format against the actual file size.
 *
 * @param entries    the tensors in the order of their data
 * @param metadata   the {@code __metadata__} map, empty if the file has none
 * @param dataStart  the file offset of the data section ({@code 8 + header length})
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata, long dataStart) {

    /** One tensor's header entry; offsets are relative to the data section, end exclusive. */
    record Entry(String name, DType dtype, List<Integer> shape, long begin, long end) {
        int count() {
            return (int) ((end - begin) / dtype.bytes());
        }
    }

    static final String METADATA = "__metadata__";
    /** The reference implementation's limit, which keeps a corrupt length from allocating gigabytes. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The header bytes (JSON padded with spaces to a multiple of 8) for {@code weights}, F32 data in order. */
    static byte[] encode(Weights weights, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : weights.asMap().entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: a tensor may not be named '" + METADATA
                        + "', the format reserves it for metadata");
            }
            long bytes = 4L * e.getValue().size();
            ObjectNode entry = root.putObject(e.getKey());
            entry.put("dtype", DType.F32.name());
            e.getValue().shape().forEach(entry.putArray("shape")::add);
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    /** Reads and validates the header of the open {@code file}. */
    static SafeTensorsHeader read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new SafeTensorsFormatException(file, null, "the file is " + size
                    + " bytes, shorter than the 8-byte header length that starts every safetensors file");
        }
        long length = readFully(channel, file, 0, 8).getLong(0);
        if (length < 0 || length > size - 8) {
            throw new SafeTensorsFormatException(file, null, "header length " + Long.toUnsignedString(length)
                    + " exceeds the " + (size - 8) + " bytes that follow it: the file is truncated or not safetensors");
        }
        if (length > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException(file, null, "header length " + length
                    + " exceeds the format's limit of " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] json = new byte[(int) length];
        readFully(channel, file, 8, (int) length).get(json);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SafeTensorsFormatException(file, null, "the header is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SafeTensorsFormatException(file, null, "the header must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(METADATA)) {
                metadata(file, field.getValue(), metadata);
            } else {
                entries.add(entry(file, field.getKey(), field.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        checkContiguous(file, entries, size - 8 - length);
        return new SafeTensorsHeader(Collections.unmodifiableList(entries), Collections.unmodifiableMap(metadata),
                8 + length);
    }

    private static void metadata(Path file, JsonNode node, Map<String, String> out) throws IOException {
        if (!node.isObject()) {
            throw new SafeTensorsFormatException(file, null, "__metadata__ must be an object of strings, got "
                    + node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new SafeTensorsFormatException(file, null, "__metadata__ values must be strings, but '"
                        + e.getKey() + "' is " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new SafeTensorsFormatException(file, name, "expected an object with dtype, shape and "
                    + "data_offsets, got " + node);
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafeTensorsFormatException(file, name, "dtype must be a string such as \"F32\", got "
                    + dtypeNode);
        }
        DType dtype = DType.named(dtypeNode.textValue());
        if (dtype == null) {
            String given = dtypeNode.textValue();
            throw new SafeTensorsFormatException(file, name, DType.DEFINED.contains(given)
                    ? "dtype " + given + " is not supported: zoo reads F32, and F64, F16 and BF16 converted to F32"
                    : "unknown dtype '" + given + "'; the format defines " + String.join(", ", DType.DEFINED));
        }
        List<Integer> shape = new ArrayList<>();
        JsonNode shapeNode = node.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw new SafeTensorsFormatException(file, name, "shape must be an array of sizes, got " + shapeNode);
        }
        long count = 1;
        for (JsonNode d : shapeNode) {
            if (!d.canConvertToExactIntegral() || !d.canConvertToInt() || d.intValue() < 0) {
                throw new SafeTensorsFormatException(file, name, "shape sizes must be integers >= 0, got " + shapeNode);
            }
            shape.add(d.intValue());
            count *= d.intValue();
            if (count > Integer.MAX_VALUE) {
                throw new SafeTensorsFormatException(file, name, "shape " + shapeNode + " has more than "
                        + Integer.MAX_VALUE + " elements, more than one Java array holds");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (offsets == null || !offsets.isArray() || offsets.size() != 2 || !isOffset(offsets.get(0))
                || !isOffset(offsets.get(1)) || offsets.get(0).longValue() > offsets.get(1).longValue()) {
            throw new SafeTensorsFormatException(file, name, "data_offsets must be [begin, end] with "
                    + "0 <= begin <= end, got " + offsets);
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        long needed = count * dtype.bytes();
        if (end - begin != needed) {
            throw new SafeTensorsFormatException(file, name, "data_offsets [" + begin + ", " + end + "] hold "
                    + (end - begin) + " bytes but " + dtype + " shape " + shape + " needs " + needed);
        }
        return new Entry(name, dtype, List.copyOf(shape), begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n.canConvertToExactIntegral() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The format requires the tensors to tile the data section exactly: no gap, no overlap, no excess. */
    private static void checkContiguous(Path file, List<Entry> entries, long dataLength) throws IOException {
        long expected = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.end() > dataLength) {
                throw new SafeTensorsFormatException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] run past the " + dataLength + "-byte data section: the file is truncated or the "
                        + "header is wrong");
            }
            if (e.begin() < expected) {
                throw new SafeTensorsFormatException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] overlap tensor '" + previous.name() + "' at [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            if (e.begin() > expected) {
                throw new SafeTensorsFormatException(file, e.name(), "data_offsets [" + e.begin() + ", " + e.end()
                        + "] leave a gap: the data must be contiguous, so this tensor should begin at " + expected);
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataLength) {
            throw new SafeTensorsFormatException(file, null, "the data section is " + dataLength
                    + " bytes but the tensors cover " + expected);
        }
    }

    /** Reads exactly {@code length} bytes at {@code position}, little-endian. */
    static ByteBuffer readFully(FileChannel channel, Path file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new SafeTensorsFormatException(file, null, "unexpected end of file at byte "
                        + (position + buffer.position()) + " while reading " + length + " bytes at " + position);
            }
        }
        return buffer.flip();
    }
}

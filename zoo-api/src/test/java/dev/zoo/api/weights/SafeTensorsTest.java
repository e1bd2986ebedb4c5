package dev.zoo.api.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files: the exact bytes of the format, files written by PyTorch, and every broken rule. */
class SafeTensorsTest {

    @TempDir
    Path dir;

    static Architecture smallNet() {
        return new Architecture("small", "", Shape.chw(3, 8, 8), 5, Sequential.of("network",
                Conv2d.of("conv1", 4, 3, 1, 1), BatchNorm.of("bn1"), GlobalPool.avg("pool"), Dense.of("fc", 5)));
    }

    /** Two small tensors: enough structure for every kind of damage, small enough to damage every byte. */
    static Weights tiny() {
        return new Weights(Map.of("fc.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3),
                "fc.bias", Tensor.of(new float[] {-1, 1}, 2)));
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = SafeTensorsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    /** A file made of an 8-byte length, {@code header} as given (no padding added) and {@code data}. */
    private Path file(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json).put(data);
        Path file = dir.resolve("made.safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    @Test
    void writesTheBytesTheFormatSpecifies() throws IOException {
        Weights weights = new Weights(Map.of("a", Tensor.of(new float[] {1.0f, -2.5f}, 2)));
        Path file = dir.resolve("a.safetensors");

        SafeTensors.write(weights, Map.of("arch", "x"), file);

        // 82 bytes of JSON padded with 6 spaces to 88, then 1.0f and -2.5f little-endian
        String header = "{\"__metadata__\":{\"arch\":\"x\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                + "\"data_offsets\":[0,8]}}      ";
        ByteBuffer expected = ByteBuffer.allocate(8 + 88 + 8);
        expected.put(new byte[] {88, 0, 0, 0, 0, 0, 0, 0});
        expected.put(header.getBytes(StandardCharsets.US_ASCII));
        expected.put(new byte[] {0x00, 0x00, (byte) 0x80, 0x3f, 0x00, 0x00, 0x20, (byte) 0xc0});
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.array());
    }

    @Test
    void readsTheReferenceFileWrittenWithPyTorch() throws IOException {
        Path file = resource("reference.safetensors");

        Weights weights = SafeTensors.read(file);

        JsonNode expected = new ObjectMapper().readTree(SafeTensorsTest.class.getResource("reference.expected.json"));
        assertExactly(weights, expected);
        // the header lists tensors alphabetically; reading keeps the order of the data
        assertThat(new ArrayList<>(weights.names())).containsExactly("conv.weight", "conv.bias", "fc.weight", "empty",
                "step");
        assertThat(weights.get("conv.weight").data()[0]).isEqualTo(-9f / 8);
        assertThat(weights.get("step").shape()).isEmpty();
        assertThat(weights.get("empty").shape()).containsExactly(0, 3);
        assertThat(SafeTensors.readMetadata(file)).containsExactly(Map.entry("architecture", "tiny"),
                Map.entry("format", "pt"));
    }

    @Test
    void convertsF16Bf16AndF64ExactlyAsPyTorchDoes() throws IOException {
        Weights weights = SafeTensors.read(resource("conversions.safetensors"));

        assertExactly(weights, new ObjectMapper().readTree(SafeTensorsTest.class.getResource(
                "conversions.expected.json")));
        assertThat(weights.get("half").data()).contains(65504f, Float.POSITIVE_INFINITY, 0x1p-24f);
        assertThat(weights.get("double").shape()).containsExactly(2, 2);
    }

    @Test
    void halfPrecisionDecodingCoversEveryClassOfValue() {
        assertThat(DType.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(DType.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(DType.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(DType.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(DType.halfToFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(DType.halfToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
        assertThat(Float.floatToRawIntBits(DType.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
        assertThat(DType.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(DType.halfToFloat((short) 0x7e00)).isNaN();
    }

    private static void assertExactly(Weights weights, JsonNode expected) {
        List<String> names = new ArrayList<>();
        for (JsonNode tensor : expected.get("tensors")) {
            String name = tensor.get("name").textValue();
            names.add(name);
            Tensor actual = weights.get(name);
            List<Integer> shape = new ArrayList<>();
            tensor.get("shape").forEach(d -> shape.add(d.intValue()));
            assertThat(actual.shape()).as(name).isEqualTo(shape);
            int[] bits = new int[actual.size()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = Float.floatToRawIntBits(actual.data()[i]);
            }
            int[] expectedBits = new int[tensor.get("bits").size()];
            for (int i = 0; i < expectedBits.length; i++) {
                expectedBits[i] = (int) tensor.get("bits").get(i).longValue();
            }
            assertThat(bits).as(name).isEqualTo(expectedBits);
        }
        assertThat(new ArrayList<>(weights.names())).isEqualTo(names);
    }

    @Test
    void roundTripKeepsEveryBitAndTheOrder() throws IOException {
        Weights weights = Initializer.seeded(smallNet(), 42);
        Map<String, Tensor> reversed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(weights.names());
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.put(names.get(i), weights.get(names.get(i)));
        }
        Weights reordered = new Weights(reversed);
        Path file = dir.resolve("small.safetensors");

        SafeTensors.write(reordered, Map.of("architecture", "small", "seed", "42"), file);
        Weights back = SafeTensors.read(file);

        assertThat(back).isEqualTo(reordered);
        assertThat(new ArrayList<>(back.names())).isEqualTo(new ArrayList<>(reversed.keySet()));
        assertThat(SafeTensors.readMetadata(file)).isEqualTo(Map.of("architecture", "small", "seed", "42"));
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLength % 8).as("header length padded to a multiple of 8").isZero();
    }

    @Test
    void roundTripOfSpecialValuesAndEmptyWeights() throws IOException {
        float[] special = {Float.NaN, Float.NEGATIVE_INFINITY, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE};
        Weights weights = new Weights(Map.of("s", Tensor.of(special, 5), "none", Tensor.of(new float[0], 0, 4)));
        Path file = dir.resolve("special.safetensors");

        SafeTensors.write(weights, file);
        assertThat(SafeTensors.read(file)).isEqualTo(weights);

        SafeTensors.write(new Weights(Map.of()), file);
        assertThat(SafeTensors.read(file).size()).isZero();
        assertThat(SafeTensors.readMetadata(file)).isEmpty();
    }

    @Test
    void aTensorLargerThanOneChunkRoundTrips() throws IOException {
        float[] data = new float[(1 << 18) + 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 7;
        }
        Weights weights = new Weights(Map.of("big", Tensor.of(data, data.length)));
        Path file = dir.resolve("big.safetensors");

        SafeTensors.write(weights, file);

        assertThat(SafeTensors.read(file)).isEqualTo(weights);
    }

    @Test
    void theReservedMetadataNameIsRejectedAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Files.writeString(file, "old");
        Weights weights = new Weights(Map.of("__metadata__", Tensor.of(new float[1], 1)));

        assertThatThrownBy(() -> SafeTensors.write(weights, file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may not be named '__metadata__'");
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(dir.toFile().list()).containsExactly("w.safetensors");
    }

    @Test
    void aNonF32DtypeNamesTheTensorAndTheDtype() throws IOException {
        Path file = resource("int64.safetensors");

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessage(file + ": tensor 'num_batches_tracked': dtype I64 is not supported: zoo reads F32, and "
                        + "F64, F16 and BF16 converted to F32");
    }

    @Test
    void everyTruncationOfAValidFileFailsWithAFormatError() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        SafeTensors.write(tiny(), Map.of("architecture", "tiny"), whole);
        byte[] bytes = Files.readAllBytes(whole);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Path cut = dir.resolve("cut.safetensors");

        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            int n = length;
            String expected = n < 8 ? "shorter than the 8-byte header length"
                    : n < 8 + headerLength ? "header length " + headerLength + " exceeds the " + (n - 8) + " bytes"
                    : "run past the " + (n - 8 - headerLength) + "-byte data section";
            assertThatThrownBy(() -> SafeTensors.read(cut)).as("file cut to %d of %d bytes", n, bytes.length)
                    .isInstanceOf(SafeTensorsFormatException.class)
                    .hasMessageStartingWith(cut + ": ")
                    .hasMessageContaining(expected);
        }
    }

    @Test
    void randomlyCorruptedHeadersFailCleanlyOrReadConsistently() throws IOException {
        Path whole = dir.resolve("whole.safetensors");
        SafeTensors.write(tiny(), whole);
        byte[] bytes = Files.readAllBytes(whole);
        int headerEnd = 8 + (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        java.util.Random random = new java.util.Random(7);
        Path corrupt = dir.resolve("corrupt.safetensors");
        int rejected = 0;

        for (int trial = 0; trial < 250; trial++) {
            byte[] copy = bytes.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                copy[random.nextInt(headerEnd)] = (byte) random.nextInt(256);
            }
            Files.write(corrupt, copy);
            try {
                Weights read = SafeTensors.read(corrupt);
                long values = read.asMap().values().stream().mapToLong(Tensor::size).sum();
                assertThat(4 * values).as("trial %d", trial).isEqualTo(bytes.length - headerEnd);
            } catch (SafeTensorsFormatException e) {
                assertThat(e.getMessage()).startsWith(corrupt + ": ");
                rejected++;
            }
        }
        assertThat(rejected).isGreaterThan(125);
    }

    @Test
    void headerLengthBeyondTheFile() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        byte[] bytes = new byte[64];
        java.util.Arrays.fill(bytes, 0, 8, (byte) 0xff);
        Files.write(file, bytes);

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessage(file + ": header length 18446744073709551615 exceeds the 56 bytes that follow it: the "
                        + "file is truncated or not safetensors");
    }

    @Test
    void overlappingOffsetsNameBothTensors() throws IOException {
        Path file = file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", new byte[12]);

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessage(file + ": tensor 'b': data_offsets [4, 12] overlap tensor 'a' at [0, 8]");
    }

    @Test
    void gapsAndUncoveredBytes() throws IOException {
        Path gap = file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}",
                new byte[12]);
        assertThatThrownBy(() -> SafeTensors.read(gap)).hasMessage(gap
                + ": tensor 'b': data_offsets [8, 12] leave a gap: the data must be contiguous, so this tensor should "
                + "begin at 4");

        Path late = file("{" + entry("a", "F32", "[1]", 4, 8) + "}", new byte[8]);
        assertThatThrownBy(() -> SafeTensors.read(late)).hasMessageContaining("tensor 'a': data_offsets [4, 8] leave "
                + "a gap: the data must be contiguous, so this tensor should begin at 0");

        Path excess = file("{" + entry("a", "F32", "[1]", 0, 4) + "}", new byte[12]);
        assertThatThrownBy(() -> SafeTensors.read(excess)).hasMessage(excess
                + ": the data section is 12 bytes but the tensors cover 4");
    }

    @Test
    void shapeThatDisagreesWithTheByteCount() throws IOException {
        Path file = file("{" + entry("conv1.weight", "F32", "[16,3,3,3]", 0, 100) + "}", new byte[100]);

        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessage(file + ": tensor 'conv1.weight': data_offsets [0, 100] hold 100 bytes but F32 shape "
                        + "[16, 3, 3, 3] needs 1728");
    }

    @Test
    void malformedHeaders() throws IOException {
        assertRejected("{\"a\":", "the header is not valid JSON: Unexpected end-of-input");
        assertRejected("[1,2]   ", "the header must be a JSON object, got array");
        assertRejected("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}",
                "the header is not valid JSON: Duplicate field 'a'");
        assertRejected("{\"a\":3}", "tensor 'a': expected an object with dtype, shape and data_offsets, got 3");
        assertRejected("{" + entry("a", "F33", "[1]", 0, 4) + "}", "tensor 'a': unknown dtype 'F33'; the format "
                + "defines BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64");
        assertRejected("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "tensor 'a': dtype must be a string such "
                + "as \"F32\", got null");
        assertRejected("{" + entry("a", "F32", "[-1]", 0, 4) + "}", "tensor 'a': shape sizes must be integers >= 0, "
                + "got [-1]");
        assertRejected("{" + entry("a", "F32", "[1.5]", 0, 4) + "}", "shape sizes must be integers >= 0, got [1.5]");
        assertRejected("{" + entry("a", "F32", "\"1\"", 0, 4) + "}", "shape must be an array of sizes, got \"1\"");
        assertRejected("{" + entry("a", "F32", "[65536,65536]", 0, 4) + "}", "has more than 2147483647 elements");
        assertRejected("{" + entry("a", "F32", "[1]", 4, 0) + "}", "tensor 'a': data_offsets must be [begin, end] "
                + "with 0 <= begin <= end, got [4,0]");
        assertRejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "data_offsets must be");
        assertRejected("{\"__metadata__\":{\"n\":1}}", "__metadata__ values must be strings, but 'n' is 1");
        assertRejected("{\"__metadata__\":[]}", "__metadata__ must be an object of strings, got []");
    }

    private void assertRejected(String header, String message) throws IOException {
        Path file = file(header, new byte[4]);
        assertThatThrownBy(() -> SafeTensors.read(file)).as(header).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(message);
    }
}

package dev.zoo.api.weights;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The safetensors element types zoo reads, each converted to float32 on reading: {@code F32} as is,
 * {@code F64} rounded, {@code F16} and {@code BF16} exactly. zoo writes {@code F32} only.
 */
enum DType {
    F32(4), F64(8), F16(2), BF16(2);

    /** Every dtype the safetensors format defines, to tell a real but unsupported one from a typo. */
    static final List<String> DEFINED = List.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16",
            "BF16", "I32", "U32", "F32", "F64", "I64", "U64");

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    int bytes() {
        return bytes;
    }

    /** The dtype called {@code name}, or null if zoo cannot read it. */
    static DType named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /** Decodes {@code count} little-endian elements from {@code buffer} into {@code out[offset...]}. */
    void decode(ByteBuffer buffer, float[] out, int offset, int count) {
        switch (this) {
            case F32 -> buffer.asFloatBuffer().get(out, offset, count);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = (float) buffer.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = halfToFloat(buffer.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    out[offset + i] = Float.intBitsToFloat((buffer.getShort(i * 2) & 0xffff) << 16);
                }
            }
            default -> throw new IllegalStateException("no decoder for " + this);
        }
    }

    /** IEEE 754 binary16 to binary32, exact for every value including subnormals, infinities and NaN. */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}

package dev.zoo.importer.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small {@code torch.save} archives by hand (pickle protocol 2 opcodes as torch.save emits
 * them, stored zip entries), so that the reader's failure modes are tested without Python.
 */
final class TorchPickles {

    private final ByteArrayOutputStream pickle = new ByteArrayOutputStream();

    private TorchPickles() {
        pickle.write(0x80);
        pickle.write(2);
    }

    /**
     * The pickle of an OrderedDict of 1-D float tensors, each in its own storage {@code "i"};
     * {@code rebuild} is the global that rebuilds a tensor ({@code torch._utils\n_rebuild_tensor_v2}).
     */
    static byte[] stateDict(Map<String, float[]> tensors, String rebuild) {
        TorchPickles p = new TorchPickles();
        p.global("collections", "OrderedDict").op(')').op('R').op('(');
        int storage = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            p.text(e.getKey()).global(rebuild.split("\n")[0], rebuild.split("\n")[1]).op('(');
            p.op('(').text("storage").global("torch", "FloatStorage").text(Integer.toString(storage++)).text("cpu")
                    .small(e.getValue().length).op('t').op('Q');
            p.small(0).small(e.getValue().length).op(0x85).small(1).op(0x85).op(0x89);
            p.global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
        }
        return p.op('u').op('.').pickle.toByteArray();
    }

    /** The pickle of a checkpoint-style dict: {@code {key: OrderedDict()}}. */
    static byte[] nested(String key) {
        TorchPickles p = new TorchPickles();
        p.op('}').text(key).global("collections", "OrderedDict").op(')').op('R').op('s');
        return p.op('.').pickle.toByteArray();
    }

    /** A zip as torch.save writes it: {@code archive/data.pkl} and {@code archive/data/i} per tensor. */
    static void write(Path file, byte[] pickle, Map<String, float[]> tensors) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "archive/data.pkl", pickle);
            int storage = 0;
            for (float[] values : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(values);
                stored(zip, "archive/data/" + storage++, b.array());
            }
            stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private TorchPickles op(int code) {
        pickle.write(code);
        return this;
    }

    private TorchPickles global(String module, String name) {
        op('c');
        pickle.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    private TorchPickles text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        pickle.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        pickle.writeBytes(b);
        return this;
    }

    private TorchPickles small(int value) {
        return op('K').op(value);
    }
}

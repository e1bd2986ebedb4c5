package dev.zoo.importer.torch;

import dev.zoo.api.weights.Tensor;
import dev.zoo.importer.ImportException;
import dev.zoo.importer.torch.TorchUnpickler.StorageRef;
import dev.zoo.importer.torch.TorchUnpickler.TensorRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a state dict written by {@code torch.save} without Python: the zip archive of PyTorch 1.6
 * and later ({@code <name>/data.pkl}, the pickled dict, and one {@code <name>/data/<key>} entry of
 * raw little-endian elements per storage), and the older stream that torchvision's first published
 * weights use ({@link TorchLegacyFile}). Views are honoured: each tensor is read through its storage
 * offset and strides, so tensors that share a storage come out right.
 */
public final class TorchArchive {

    private static final String PICKLE = "data.pkl";

    private TorchArchive() {
    }

    /**
     * Reads every tensor of a {@code torch.save}'d state dict.
     *
     * @throws ImportException naming the file (and key) for anything that is not a complete state dict
     */
    public static TorchStateDict read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(2);
        }
        if (magic.length == 2 && (magic[0] & 0xff) == 0x80 && magic[1] >= 2) {
            TorchLegacyFile legacy = TorchLegacyFile.read(file);
            return tensors(stateDict(legacy.root(), file), (ref, key) -> legacy.storage(ref, key), file);
        }
        if (magic.length < 2 || magic[0] != 'P' || magic[1] != 'K') {
            throw new ImportException(file + ": not a torch.save file (neither a zip archive nor a pickle stream)");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ImportException(file + ": not a complete torch.save zip archive (" + e.getMessage()
                    + "); it is truncated");
        }
        try (zip) {
            String prefix = archivePrefix(zip, file);
            checkByteOrder(zip, prefix, file);
            Object root;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + PICKLE))) {
                root = new TorchUnpickler(file.toString()).load(in);
            } catch (ImportException e) {
                throw e;
            } catch (RuntimeException | IOException e) {
                throw new ImportException(file + ": " + PICKLE + " is not a readable pickle: " + e.getMessage(), e);
            }
            return tensors(stateDict(root, file), (ref, key) -> storage(zip, prefix, ref, key, file), file);
        }
    }

    /** Where a tensor's storage bytes come from: a zip entry, or a block of the legacy stream. */
    @FunctionalInterface
    interface StorageBytes {
        ByteBuffer get(StorageRef ref, String tensorKey) throws IOException;
    }

    static Map<?, ?> stateDict(Object root, Path file) {
        if (!(root instanceof Map<?, ?> dict)) {
            throw new ImportException(file + ": holds a " + typeName(root) + ", not a state dict (a dict of tensors)");
        }
        return dict;
    }

    /** The folder all entries share ({@code archive/} or the file's stem), found from its data.pkl. */
    private static String archivePrefix(ZipFile zip, Path file) {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
            String name = e.nextElement().getName();
            if (name.endsWith("/" + PICKLE) && name.indexOf('/') == name.length() - PICKLE.length() - 1) {
                return name.substring(0, name.length() - PICKLE.length());
            }
        }
        throw new ImportException(file + ": a zip archive without <name>/" + PICKLE + ", so not written by torch.save");
    }

    private static void checkByteOrder(ZipFile zip, String prefix, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(prefix + "byteorder");
        if (entry == null) {
            return;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            String order = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little")) {
                throw new ImportException(file + ": byteorder is '" + order + "'; zoo reads little-endian archives");
            }
        }
    }

    private static TorchStateDict tensors(Map<?, ?> dict, StorageBytes source, Path file) throws IOException {
        Map<String, Tensor> floats = new LinkedHashMap<>();
        Map<String, String> others = new LinkedHashMap<>();
        Map<String, ByteBuffer> storages = new HashMap<>();
        // a storage's bytes are dropped after its last tensor, so peak memory is the floats plus one storage
        Map<String, Integer> uses = new HashMap<>();
        for (Object value : dict.values()) {
            if (value instanceof TensorRef t) {
                uses.merge(t.storage().key(), 1, Integer::sum);
            }
        }
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new ImportException(file + ": key '" + key + "' holds a " + typeName(e.getValue())
                        + ", not a tensor; a state dict maps names to tensors (for a checkpoint dict, save its "
                        + "model.state_dict() alone)");
            }
            if (!t.storage().type().readable()) {
                others.put(key, t.storage().type().className());
                continue;
            }
            ByteBuffer bytes = storages.get(t.storage().key());
            if (bytes == null) {
                bytes = source.get(t.storage(), key);
                storages.put(t.storage().key(), bytes);
            }
            floats.put(key, materialise(t, bytes, key, file));
            if (uses.merge(t.storage().key(), -1, Integer::sum) == 0) {
                storages.remove(t.storage().key());
            }
        }
        return new TorchStateDict(floats, others);
    }

    private static ByteBuffer storage(ZipFile zip, String prefix, StorageRef ref, String key, Path file)
            throws IOException {
        String name = prefix + "data/" + ref.key();
        ZipEntry entry = zip.getEntry(name);
        long expected = ref.elements() * ref.type().bytes();
        if (entry == null) {
            throw new ImportException(file + ": tensor '" + key + "' needs the entry " + name + ", which is missing");
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw new ImportException(file + ": tensor '" + key + "' has a storage of " + expected
                    + " bytes; zoo reads storages up to 2 GiB");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) expected);
        }
        if (bytes.length != expected) {
            throw new ImportException(file + ": tensor '" + key + "': entry " + name + " holds " + bytes.length
                    + " bytes, its storage needs " + expected + " (" + ref.elements() + " x " + ref.type().className() + ")");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies the view into a row-major float array, checking that it lies inside its storage. */
    private static Tensor materialise(TensorRef t, ByteBuffer bytes, String key, Path file) {
        int[] size = t.size();
        long count = 1;
        long last = t.offset();
        for (int d = 0; d < size.length; d++) {
            count *= size[d];
            if (size[d] > 0) {
                last += (size[d] - 1L) * t.stride()[d];
            }
        }
        if (count > 0 && (t.offset() < 0 || last >= t.storage().elements())) {
            throw new ImportException(file + ": tensor '" + key + "' (offset " + t.offset() + ", size "
                    + Arrays.toString(size) + ", stride " + Arrays.toString(t.stride())
                    + ") reaches past its storage of " + t.storage().elements() + " elements");
        }
        float[] out = new float[Math.toIntExact(count)];
        if (t.storage().type() == StorageType.FLOAT && contiguous(size, t.stride())) {
            bytes.slice(Math.toIntExact(t.offset() * 4), out.length * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                    .get(out);
            return Tensor.of(out, size);
        }
        int[] index = new int[size.length];
        long at = t.offset();
        for (int i = 0; i < out.length; i++) {
            out[i] = t.storage().type().get(bytes, at);
            for (int d = size.length - 1; d >= 0; d--) {
                index[d]++;
                at += t.stride()[d];
                if (index[d] < size[d]) {
                    break;
                }
                at -= (long) size[d] * t.stride()[d];
                index[d] = 0;
            }
        }
        return Tensor.of(out, size);
    }

    private static boolean contiguous(int[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    static String typeName(Object o) {
        return o == null ? "None" : o instanceof Object[] ? "tuple" : o instanceof Map<?, ?> ? "dict"
                : o.getClass().getSimpleName();
    }
}

package dev.zoo.importer.torch;

import dev.zoo.importer.ImportException;
import dev.zoo.importer.torch.TorchUnpickler.StorageRef;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream {@code torch.save} wrote before PyTorch 1.6 (and with
 * {@code _use_new_zipfile_serialization=False} since), in which torchvision's first published
 * weights (AlexNet, VGG) are stored: five pickles back to back (a magic number, the protocol version,
 * system info, the object with storages as persistent ids, the sorted list of storage keys), then
 * each storage in that order as an int64 element count and its raw little-endian elements.
 *
 * @param root     the unpickled object
 * @param storages storage key to its bytes
 * @param file     the file, for messages
 */
record TorchLegacyFile(Object root, Map<String, ByteBuffer> storages, Path file) {

    /** torch/serialization.py's MAGIC_NUMBER. */
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    static TorchLegacyFile read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Object magic = pickle(in, file, "magic number");
            if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(MAGIC)) {
                throw new ImportException(file + ": a pickle, but not a torch.save file (no torch magic number)");
            }
            Object version = pickle(in, file, "protocol version");
            if (!(version instanceof Number v) || v.longValue() != PROTOCOL_VERSION) {
                throw new ImportException(file + ": torch.save protocol version " + version + "; zoo reads "
                        + PROTOCOL_VERSION);
            }
            Object info = pickle(in, file, "system info");
            if (info instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
                throw new ImportException(file + ": written on a big-endian machine; zoo reads little-endian files");
            }
            TorchUnpickler unpickler = new TorchUnpickler(file.toString());
            Object root;
            try {
                root = unpickler.load(in);
            } catch (ImportException e) {
                throw e;
            } catch (RuntimeException | IOException e) {
                throw new ImportException(file + ": the state dict is not a readable pickle: " + e.getMessage(), e);
            }
            Object keys = pickle(in, file, "storage key list");
            if (!(keys instanceof List<?> list)) {
                throw new ImportException(file + ": expected the list of storage keys after the state dict, got " + keys);
            }
            Map<String, StorageRef> refs = unpickler.storages();
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Object k : list) {
                String key = String.valueOf(k);
                StorageRef ref = refs.get(key);
                if (ref == null) {
                    throw new ImportException(file + ": storage " + key + " is listed but no tensor uses it");
                }
                storages.put(key, block(in, ref, file));
            }
            return new TorchLegacyFile(root, storages, file);
        }
    }

    /** The bytes of the storage a tensor uses. */
    ByteBuffer storage(StorageRef ref, String tensorKey) {
        ByteBuffer bytes = storages.get(ref.key());
        if (bytes == null) {
            throw new ImportException(file + ": tensor '" + tensorKey + "' uses storage " + ref.key()
                    + ", which the file does not hold");
        }
        return bytes;
    }

    private static ByteBuffer block(DataInputStream in, StorageRef ref, Path file) throws IOException {
        try {
            long count = Long.reverseBytes(in.readLong());
            if (count != ref.elements()) {
                throw new ImportException(file + ": storage " + ref.key() + " holds " + count + " elements, its tensors "
                        + "say " + ref.elements());
            }
            long bytes = count * ref.type().bytes();
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new ImportException(file + ": storage " + ref.key() + " has " + bytes + " bytes; zoo reads "
                        + "storages up to 2 GiB");
            }
            byte[] data = new byte[(int) bytes];
            in.readFully(data);
            return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        } catch (EOFException e) {
            throw new ImportException(file + ": ends inside storage " + ref.key() + "; the file is truncated");
        }
    }

    private static Object pickle(InputStream in, Path file, String what) throws IOException {
        try {
            return new TorchUnpickler(file.toString()).load(in);
        } catch (ImportException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new ImportException(file + ": the " + what + " is not a readable pickle (" + e.getMessage()
                    + "); the file is truncated or not written by torch.save");
        }
    }
}

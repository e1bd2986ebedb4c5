package dev.zoo.importer.torch;

import dev.zoo.importer.ImportException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the {@code data.pkl} of a {@code torch.save} archive with Pyrolite, admitting only the
 * few globals a state dict uses ({@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2}
 * and {@code _rebuild_tensor} before it, {@code torch._utils._rebuild_parameter} and the typed storages). Any other class is refused by
 * name before anything is constructed: a pickle can name arbitrary code, and a state dict needs none.
 * Storages come back as {@link StorageRef}s (the persistent ids of the archive), tensors as
 * {@link TensorRef}s; their bytes are read from the archive's {@code data/} entries afterwards.
 */
final class TorchUnpickler extends Unpickler {

    /** A storage by its key in the archive ({@code data/<key>}), its element type and length. */
    record StorageRef(String key, StorageType type, long elements) {
    }

    /** A view into a storage: offset, sizes and strides in elements, as {@code torch.Tensor.as_strided}. */
    record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {
    }

    /** The global {@code torch.FloatStorage} (...): a pickle only names it, as part of a storage's persistent id. */
    private record StorageClass(StorageType type) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new ImportException(type.className() + " called with arguments; a state dict only names it");
        }
    }

    /** {@code collections.OrderedDict}: a map that accepts (and ignores) the {@code _metadata} attribute. */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** Called by Pyrolite for the pickle's BUILD of the state dict's instance attributes. */
        public void __setstate__(OrderedDict state) {
            // torch keeps per-module version numbers here; the tensors alone decide the import
        }
    }

    private final String source;
    private final Map<String, IObjectConstructor> globals = new HashMap<>();
    private final Map<String, StorageRef> storages = new HashMap<>();

    TorchUnpickler(String source) {
        this.source = source;
        globals.put("collections.OrderedDict", args -> new OrderedDict());
        globals.put("torch._utils._rebuild_tensor_v2", this::rebuildTensor);
        // PyTorch before 0.4 (torchvision's 2017 weights): the same first four arguments
        globals.put("torch._utils._rebuild_tensor", this::rebuildTensor);
        globals.put("torch._utils._rebuild_parameter", args -> args[0]);
        for (StorageType type : StorageType.values()) {
            globals.put(type.className(), new StorageClass(type));
        }
    }

    /** Every storage the pickle referred to, by key. */
    Map<String, StorageRef> storages() {
        return storages;
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        if (key == Opcodes.GLOBAL) {
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            stack.add(global(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.STACK_GLOBAL) {
            Object name = stack.pop();
            Object module = stack.pop();
            stack.add(global(String.valueOf(module), String.valueOf(name)));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.EMPTY_DICT) {
            stack.add(new OrderedDict()); // Python dicts keep insertion order; a HashMap would not
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.SETITEMS && stack.size() > 0) {
            setItems(); // Pyrolite gathers the pairs in a HashMap first, which loses the file's order
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.INST || key == Opcodes.OBJ) {
            throw new ImportException(source + ": the pickle builds an object with the old INST/OBJ opcodes; "
                    + "a state dict written by torch.save has none");
        }
        return super.dispatch(key);
    }

    @SuppressWarnings("unchecked")
    private void setItems() {
        List<Object> items = stack.pop_all_since_marker();
        Object target = stack.peek();
        if (!(target instanceof Map<?, ?>)) {
            throw new ImportException(source + ": the pickle sets items on a " + target + ", which is not a dict");
        }
        Map<Object, Object> dict = (Map<Object, Object>) target;
        for (int i = 0; i + 1 < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
        }
    }

    private IObjectConstructor global(String module, String name) {
        IObjectConstructor constructor = globals.get(module + "." + name);
        if (constructor == null) {
            throw new ImportException(source + ": the pickle names the class " + module + "." + name
                    + ", which is not part of a state dict; save model.state_dict() (tensors only), not the model");
        }
        return constructor;
    }

    /**
     * {@code ('storage', storage_type, key, location, numel)}, as torch.save's persistent_id writes it;
     * the legacy stream adds a sixth element, a view of another storage, which is None for a state dict.
     */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || t.length > 6 || !"storage".equals(t[0])
                || !(t[1] instanceof StorageClass type) || !(t[4] instanceof Number elements)
                || t.length == 6 && t[5] != null) {
            throw new ImportException(source + ": unexpected persistent id " + describe(pid)
                    + "; expected ('storage', type, key, location, numel[, None])");
        }
        StorageRef ref = new StorageRef(String.valueOf(t[2]), type.type(), elements.longValue());
        storages.put(ref.key(), ref);
        return ref;
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)
                || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride)
                || size.length != stride.length) {
            throw new ImportException(source + ": _rebuild_tensor_v2 called with " + describe(args)
                    + "; expected (storage, offset, size, stride, ...)");
        }
        int[] sizes = new int[size.length];
        long[] strides = new long[stride.length];
        for (int i = 0; i < size.length; i++) {
            sizes[i] = Math.toIntExact(((Number) size[i]).longValue());
            strides[i] = ((Number) stride[i]).longValue();
        }
        return new TensorRef(storage, offset.longValue(), sizes, strides);
    }

    private static String describe(Object o) {
        return o instanceof Object[] a ? Arrays.deepToString(a) : String.valueOf(o);
    }
}

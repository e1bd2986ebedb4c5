package dev.zoo.dl4j;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link OneDnnConvolution} and {@link OneDnnPooling} share: oneDNN 3's CPU engine, ND4J arrays
 * as raw memory, the native objects of a plan and their release, and the plans of a layer.
 */
final class OneDnn {

    private static final Cleaner CLEANER = Cleaner.create();

    private OneDnn() {
    }

    /** Whether oneDNN 3's native library loads here (checked once; if not, libnd4j's layers run). */
    static boolean available() {
        return Loaded.AVAILABLE;
    }

    private static final class Loaded {
        static final boolean AVAILABLE = load();

        private static boolean load() {
            try {
                org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                return true;
            } catch (Throwable e) {
                System.err.println("dl4j: oneDNN 3 does not load here (" + e
                        + "); convolutions run on libnd4j's oneDNN instead");
                return false;
            }
        }
    }

    /** {@code a} if oneDNN can write into it as a plain layout, else an array of its shape to write and assign from. */
    static INDArray writable(INDArray a) {
        return ChannelBatchNorm.dense(a) ? a : a.ulike();
    }

    /** Points {@code memory} at the buffer at {@code address}. */
    static void bind(dnnl_memory memory, long address) {
        dnnl_memory_set_data_handle(memory, new Address(address));
    }

    /** The address of a dense array's first element (ND4J's view buffers start at the view). */
    static long address(INDArray a) {
        Pointer p = a.data().addressPointer();
        if (p.position() != 0) {
            throw new IllegalStateException("dl4j: oneDNN needs an array's address, and ND4J gave a pointer at position "
                    + p.position() + " for " + a.shapeInfoToString());
        }
        return p.address();
    }

    static void check(int status, String what, Object context) {
        if (status != dnnl_success) {
            throw new IllegalStateException("dl4j: oneDNN failed " + what + (context == null ? "" : " for " + context)
                    + ": " + statusName(status));
        }
    }

    /** oneDNN's name for a {@code dnnl_status_t}. */
    static String statusName(int status) {
        String[] names = {"dnnl_success", "dnnl_out_of_memory", "dnnl_invalid_arguments", "dnnl_unimplemented",
            "dnnl_last_impl_reached", "dnnl_runtime_error", "dnnl_not_required", "dnnl_invalid_graph",
            "dnnl_invalid_graph_op", "dnnl_invalid_shape", "dnnl_invalid_data_type"};
        return status >= 0 && status < names.length ? names[status] : "dnnl_status_t " + status;
    }

    /** The CPU engine, created once per process. */
    static final class Engine {
        static final dnnl_engine CPU = create();

        private static dnnl_engine create() {
            dnnl_engine engine = new dnnl_engine();
            check(dnnl_engine_create(engine, dnnl_cpu, 0), "creating the CPU engine", null);
            return engine;
        }
    }

    /** A raw address handed to oneDNN. */
    static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }

    /**
     * Grow-only, 64-byte aligned scratch buffers shared by the layers of one network (which run one
     * at a time), one per role; freed when the network is collected.
     */
    static final class Arena {
        private final Map<String, BytePointer> buffers = new LinkedHashMap<>();

        synchronized long address(String role, long bytes) {
            BytePointer b = buffers.get(role);
            if (b == null || b.capacity() < bytes + 64) {
                if (b != null) {
                    b.close();
                }
                b = new BytePointer(bytes + 64);
                buffers.put(role, b);
            }
            return aligned(b);
        }

        static long aligned(BytePointer b) {
            return (b.address() + 63) & ~63L;
        }
    }

    /** The arguments of one primitive call. */
    static final class Args {
        final dnnl_exec_arg_t args;
        int count;

        Args(int capacity) {
            args = new dnnl_exec_arg_t(capacity);
        }

        Args put(int arg, dnnl_memory memory) {
            args.position(count++).arg(arg).memory(memory);
            return this;
        }
    }

    /**
     * The native objects of one plan, destroyed in reverse order of creation by {@link #close}, and
     * the stream its primitives run on.
     */
    abstract static class Resources implements AutoCloseable {
        final Object context;
        private final List<Runnable> releases = new ArrayList<>();
        private final List<dnnl_memory_desc> descriptors = new ArrayList<>();
        final dnnl_stream stream;

        Resources(Object context) {
            this.context = context;
            stream = own(new dnnl_stream(), s -> dnnl_stream_destroy(s));
            check(dnnl_stream_create(stream, Engine.CPU, dnnl_stream_default_flags), "creating a stream");
        }

        /** {@code object}, to be released by {@code destroy} on {@link #close} once it holds something. */
        private <T extends Pointer> T own(T object, Consumer<T> destroy) {
            releases.add(() -> {
                if (!object.isNull()) {
                    destroy.accept(object);
                }
            });
            return object;
        }

        void check(int status, String what) {
            OneDnn.check(status, what, context);
        }

        /** A memory of layout {@code md} whose buffer is set before each call. */
        dnnl_memory memory(dnnl_memory_desc md) {
            dnnl_memory m = own(new dnnl_memory(), x -> dnnl_memory_destroy(x));
            check(dnnl_memory_create(m, md, Engine.CPU, (Pointer) null), "creating a memory");
            return m;
        }

        /** A primitive descriptor for a {@code dnnl_*_primitive_desc_create} call to fill. */
        dnnl_primitive_desc primitiveDesc() {
            return own(new dnnl_primitive_desc(), pd -> dnnl_primitive_desc_destroy(pd));
        }

        /** Primitive attributes whose post-ops are a ReLU. */
        dnnl_primitive_attr reluPostOp() {
            dnnl_post_ops ops = own(new dnnl_post_ops(), o -> dnnl_post_ops_destroy(o));
            check(dnnl_post_ops_create(ops), "creating post-ops");
            check(dnnl_post_ops_append_eltwise(ops, dnnl_eltwise_relu, 0f, 0f), "appending ReLU");
            dnnl_primitive_attr attr = own(new dnnl_primitive_attr(), a -> dnnl_primitive_attr_destroy(a));
            check(dnnl_primitive_attr_create(attr), "creating attributes");
            check(dnnl_primitive_attr_set_post_ops(attr, ops), "setting post-ops");
            return attr;
        }

        /** A buffer of {@code bytes} from a 64-byte boundary ({@link Arena#aligned}), kept until close. */
        BytePointer buffer(long bytes) {
            return own(new BytePointer(bytes + 64), BytePointer::close);
        }

        /** A float32 layout, released by {@link #releaseDescriptors} once the primitives exist. */
        dnnl_memory_desc md(int tag, long... dims) {
            dnnl_memory_desc md = new dnnl_memory_desc();
            check(dnnl_memory_desc_create_with_tag(md, dims.length, dims, dnnl_f32, tag), "describing a tensor");
            descriptors.add(md);
            return md;
        }

        void releaseDescriptors() {
            descriptors.forEach(md -> dnnl_memory_desc_destroy(md));
            descriptors.clear();
        }

        /** The name of the implementation oneDNN chose for {@code pd}, as its verbose log prints it. */
        static String implementation(dnnl_primitive_desc pd) {
            org.bytedeco.javacpp.PointerPointer<org.bytedeco.javacpp.BytePointer> name =
                    new org.bytedeco.javacpp.PointerPointer<>(1);
            int status = dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, name);
            return status == dnnl_success && name.get(0) != null ? name.getString(0) : "";
        }

        static dnnl_memory_desc query(dnnl_primitive_desc pd, int what) {
            return dnnl_primitive_desc_query_md(pd, what, 0);
        }

        dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
            dnnl_primitive p = own(new dnnl_primitive(), x -> dnnl_primitive_destroy(x));
            check(dnnl_primitive_create(p, pd), "creating " + what);
            return p;
        }

        /** Runs {@code p} on arguments built once with the plan (their buffers set per call). */
        void execute(dnnl_primitive p, Args args, String what) {
            int status = dnnl_primitive_execute(p, stream, args.count, args.args.position(0));
            if (status == dnnl_success) {
                status = dnnl_stream_wait(stream);
            }
            if (status != dnnl_success) {
                check(status, "running " + what);
            }
        }

        @Override
        public void close() {
            releaseDescriptors();
            for (int i = releases.size() - 1; i >= 0; i--) {
                releases.get(i).run();
            }
            releases.clear();
        }
    }

    /**
     * A layer's plans by shape (the training batch, a smaller last batch, evaluation), the least
     * recently used closed beyond {@code max}, all closed when {@code owner} is collected.
     */
    static final class Plans<K, P extends AutoCloseable> implements Runnable {
        private final Map<K, P> map = new LinkedHashMap<>();
        private final int max;

        private Plans(int max) {
            this.max = max;
        }

        static <K, P extends AutoCloseable> Plans<K, P> of(Object owner, int max) {
            Plans<K, P> plans = new Plans<>(max);
            CLEANER.register(owner, plans);
            return plans;
        }

        synchronized P get(K key, Function<K, P> create) {
            P plan = map.remove(key);
            if (plan == null) {
                plan = create.apply(key);
                if (map.size() >= max) {
                    K eldest = map.keySet().iterator().next();
                    close(map.remove(eldest));
                }
            }
            map.put(key, plan);
            return plan;
        }

        @Override
        public synchronized void run() {
            map.values().forEach(Plans::close);
            map.clear();
        }

        private static void close(AutoCloseable plan) {
            try {
                plan.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

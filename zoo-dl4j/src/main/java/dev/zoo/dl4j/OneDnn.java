package dev.zoo.dl4j;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.nd4j.linalg.api.shape.Shape;

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

    /** Whether {@code a} lies in memory as a dense C-order block, as a plain oneDNN layout needs. */
    static boolean dense(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.data().addressPointer().position() == 0;
    }

    /** {@code a}, or a dense copy of it. */
    static INDArray plain(INDArray a) {
        return dense(a) ? a : a.dup('c');
    }

    /** {@code a} if oneDNN can write into it, else an array of its shape to write and assign from. */
    static INDArray writable(INDArray a) {
        return dense(a) ? a : a.ulike();
    }

    /** The address of a dense array's first element (ND4J's view buffers start at the view). */
    static long address(INDArray a) {
        return a.data().addressPointer().address();
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
        private final List<Object> owned = new ArrayList<>();
        private final List<dnnl_memory_desc> descriptors = new ArrayList<>();
        final dnnl_stream stream = new dnnl_stream();

        Resources(Object context) {
            this.context = context;
            OneDnn.check(dnnl_stream_create(stream, Engine.CPU, dnnl_stream_default_flags), "creating a stream", context);
            owned.add(stream);
        }

        <T extends Pointer> T own(T object) {
            owned.add(object);
            return object;
        }

        void check(int status, String what) {
            OneDnn.check(status, what, context);
        }

        /** A memory of layout {@code md} whose buffer is set before each call. */
        dnnl_memory memory(dnnl_memory_desc md) {
            dnnl_memory m = new dnnl_memory();
            check(dnnl_memory_create(m, md, Engine.CPU, (Pointer) null), "creating a memory");
            return own(m);
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

        static dnnl_memory_desc query(dnnl_primitive_desc pd, int what) {
            return dnnl_primitive_desc_query_md(pd, what, 0);
        }

        dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
            dnnl_primitive p = new dnnl_primitive();
            check(dnnl_primitive_create(p, pd), "creating " + what);
            return own(p);
        }

        void execute(dnnl_primitive p, Args args, String what) {
            check(dnnl_primitive_execute(p, stream, args.count, args.args.position(0)), "running " + what);
            check(dnnl_stream_wait(stream), "waiting for " + what);
        }

        @Override
        public void close() {
            releaseDescriptors();
            for (int i = owned.size() - 1; i >= 0; i--) {
                Object o = owned.get(i);
                if (o instanceof Pointer p && p.isNull()) {
                    continue;
                }
                if (o instanceof dnnl_primitive p) {
                    dnnl_primitive_destroy(p);
                } else if (o instanceof dnnl_primitive_desc pd) {
                    dnnl_primitive_desc_destroy(pd);
                } else if (o instanceof dnnl_memory m) {
                    dnnl_memory_destroy(m);
                } else if (o instanceof dnnl_stream s) {
                    dnnl_stream_destroy(s);
                } else if (o instanceof dnnl_primitive_attr a) {
                    dnnl_primitive_attr_destroy(a);
                } else if (o instanceof dnnl_post_ops ops) {
                    dnnl_post_ops_destroy(ops);
                } else if (o instanceof BytePointer b) {
                    b.close();
                }
            }
            owned.clear();
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

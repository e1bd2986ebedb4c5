package dev.zoo.tensorflow;

import dev.zoo.api.backend.Device;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Maps zoo's {@code auto|cpu|gpu} to a session configuration. TensorFlow places ops on a GPU by
 * itself when it has one, so {@code cpu} hides GPUs from the session and {@code gpu} is refused where
 * TensorFlow sees none, rather than silently running on the CPU.
 */
final class DeviceChoice {

    private static volatile Boolean gpu;

    private DeviceChoice() {
    }

    /** Intra-op threads of every session when set (the {@code zoo} launcher sets it from {@code ZOO_THREADS}). */
    static final String THREADS = "zoo.tensorflow.threads";

    static ConfigProto config(Device wanted) {
        return switch (wanted) {
            case CPU -> threads().putDeviceCount("GPU", 0).build();
            case AUTO -> threads().build();
            case GPU -> {
                if (!gpuVisible()) {
                    throw new IllegalArgumentException(TensorflowBackend.ID + ": device gpu was asked for but TensorFlow"
                            + " sees no GPU; put org.tensorflow:tensorflow-core-native:linux-x86_64-gpu and CUDA on the"
                            + " machine (see the README, section 'TensorFlow backend') or use --device auto|cpu");
                }
                yield threads().build();
            }
        };
    }

    /**
     * TensorFlow's default is a thread per core in each of two pools; other engines here run on the
     * threads they are given, so a comparison gives TensorFlow the same number.
     */
    private static ConfigProto.Builder threads() {
        ConfigProto.Builder b = ConfigProto.newBuilder();
        String value = System.getProperty(THREADS);
        if (value == null || value.isBlank()) {
            return b;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(TensorflowBackend.ID + ": -D" + THREADS + " must be a whole number >= 1, got '"
                    + value + "'");
        }
        return b.setIntraOpParallelismThreads(n).setInterOpParallelismThreads(1);
    }

    /** Asks TensorFlow to run one constant on GPU 0 without soft placement; it can only if it has one. */
    static boolean gpuVisible() {
        Boolean known = gpu;
        if (known == null) {
            try (Graph g = new Graph(); Session s = new Session(g, ConfigProto.newBuilder().setAllowSoftPlacement(false).build())) {
                Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
                        .deviceIndex(0).build());
                var one = tf.constant(1f);
                s.runner().fetch(one).run().close();
                known = true;
            } catch (RuntimeException e) {
                known = false;
            }
            gpu = known;
        }
        return known;
    }
}

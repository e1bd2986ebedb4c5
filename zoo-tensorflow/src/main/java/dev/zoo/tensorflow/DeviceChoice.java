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

    static ConfigProto config(Device wanted) {
        return switch (wanted) {
            case CPU -> ConfigProto.newBuilder().putDeviceCount("GPU", 0).build();
            case AUTO -> ConfigProto.newBuilder().build();
            case GPU -> {
                if (!gpuVisible()) {
                    throw new IllegalArgumentException(TensorflowBackend.ID + ": device gpu was asked for but TensorFlow"
                            + " sees no GPU; put org.tensorflow:tensorflow-core-native:linux-x86_64-gpu and CUDA on the"
                            + " machine (see the README, section 'TensorFlow backend') or use --device auto|cpu");
                }
                yield ConfigProto.newBuilder().build();
            }
        };
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

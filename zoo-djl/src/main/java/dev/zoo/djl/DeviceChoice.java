package dev.zoo.djl;

import ai.djl.engine.Engine;
import dev.zoo.api.backend.Device;

/** Maps zoo's {@code auto|cpu|gpu} to a DJL device the engine actually has. */
final class DeviceChoice {

    private DeviceChoice() {
    }

    static ai.djl.Device choose(String backendId, Engine engine, Device wanted) {
        int gpus = engine.getGpuCount();
        return switch (wanted) {
            case CPU -> ai.djl.Device.cpu();
            case AUTO -> gpus > 0 ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException(backendId + ": device gpu was asked for but engine "
                            + engine.getEngineName() + " sees no GPU; put the engine's CUDA native library on the"
                            + " classpath (see the README, section 'DJL backend') or use --device auto|cpu");
                }
                yield ai.djl.Device.gpu();
            }
        };
    }
}

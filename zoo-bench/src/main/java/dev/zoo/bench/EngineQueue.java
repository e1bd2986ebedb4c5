package dev.zoo.bench;

import ai.djl.mxnet.jna.JnaUtils;
import dev.zoo.djl.DjlMxnetBackend;

/**
 * The queue of operators an asynchronous engine has accepted and not yet run. Of the engines the
 * zoo trains on, only MXNet has one on CPU: DJL's PyTorch, DL4J and TensorFlow's sessions return
 * from an operation once it is done.
 */
public final class EngineQueue {

    private EngineQueue() {
    }

    /** As {@link #drain(String)} for the engine of the backend {@code backendId}. */
    public static void drainBackend(String backendId) {
        drain(DjlMxnetBackend.ID.equals(backendId) ? "MXNet" : backendId);
    }

    /** Waits until MXNet has run every operator queued so far; returns at once for any other engine. */
    public static void drain(String engineName) {
        if ("MXNet".equals(engineName)) {
            JnaUtils.waitAll();
        }
    }
}

package dev.zoo.djl;

/**
 * The operators a DJL engine has accepted and not yet run. MXNet queues each operator and returns
 * before it runs; libtorch runs eagerly on CPU, so its queue is always empty.
 */
public final class EngineQueue {

    private EngineQueue() {
    }

    /**
     * Returns once the engine of the backend {@code backendId} has run every operator queued so far:
     * on {@code djl-mxnet} it waits for MXNet's whole queue, on any other backend it returns at once.
     */
    public static void drain(String backendId) {
        if (DjlMxnetBackend.ID.equals(backendId)) {
            ai.djl.mxnet.jna.JnaUtils.waitAll();
        }
    }
}

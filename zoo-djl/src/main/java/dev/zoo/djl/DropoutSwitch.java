package dev.zoo.djl;

/**
 * Whether dropout draws its random masks. Gradient checks turn it off so that a training-mode
 * forward pass is a deterministic function of the parameters.
 */
final class DropoutSwitch {

    private volatile boolean enabled = true;

    boolean enabled() {
        return enabled;
    }

    void set(boolean on) {
        enabled = on;
    }
}

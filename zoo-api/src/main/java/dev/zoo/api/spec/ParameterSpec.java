package dev.zoo.api.spec;

import java.util.List;

/**
 * One parameter tensor of a network, in canonical (PyTorch) layout. Its {@link #name()} is the
 * owning node's path plus a suffix: {@code weight}, {@code bias}, {@code running_mean},
 * {@code running_var} (for example {@code stage2.block1.bn1.running_var}). {@code fanIn} is the
 * number of inputs feeding one output (for He/Kaiming initialisation).
 */
public record ParameterSpec(String name, String nodePath, ParameterRole role, List<Integer> shape, int fanIn) {

    public ParameterSpec {
        shape = List.copyOf(shape);
    }

    public boolean trainable() {
        return role.trainable();
    }

    /** Number of scalars in this tensor. */
    public long size() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}

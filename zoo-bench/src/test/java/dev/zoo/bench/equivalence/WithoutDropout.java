package dev.zoo.bench.equivalence;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shortcut;

/**
 * The same architecture with every dropout rate set to 0, so that a training step is deterministic
 * and comparable across engines (each engine draws its masks from its own generator).
 */
final class WithoutDropout {

    private WithoutDropout() {
    }

    static Architecture of(Architecture a) {
        return new Architecture(a.name(), a.description(), a.input(), a.classes(), (Sequential) rewrite(a.network()));
    }

    private static Layer rewrite(Layer layer) {
        if (layer instanceof Dropout d) {
            return new Dropout(d.name(), 0.0);
        }
        if (layer instanceof Sequential s) {
            return new Sequential(s.name(), s.layers().stream().map(WithoutDropout::rewrite).toList());
        }
        if (layer instanceof Residual r) {
            Shortcut shortcut = r.shortcut() instanceof Shortcut.Projection p
                    ? new Shortcut.Projection((Sequential) rewrite(p.layers())) : r.shortcut();
            return new Residual(r.name(), (Sequential) rewrite(r.body()), shortcut, r.activation());
        }
        return layer;
    }
}

package dev.zoo.testkit;

import dev.zoo.api.spec.Activation;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.BatchNorm;
import dev.zoo.api.spec.Conv2d;
import dev.zoo.api.spec.Dense;
import dev.zoo.api.spec.Dropout;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.GlobalPool;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.LayerVisitor;
import dev.zoo.api.spec.LocalResponseNorm;
import dev.zoo.api.spec.Pool;
import dev.zoo.api.spec.Residual;
import dev.zoo.api.spec.Sequential;
import dev.zoo.api.spec.Shortcut;
import dev.zoo.api.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which zoo models a sweep over "every zoo model" visits: a representative sample in
 * {@code ./mvnw verify}, every model under {@code -Pfull} (system property {@code zoo.models=all}),
 * or a comma-separated list ({@code -Dzoo.models=resnet20,vgg11}).
 *
 * <p>The sample holds one model of every family (AlexNet, VGG with and without batch norm, the
 * ImageNet and CIFAR ResNets and their plain twins, the lesson CNN), and between them every layer
 * kind, pooling variant, block body and shortcut that any zoo model has; {@link #traits} states
 * what that means and {@code ZooSampleTest} fails when a new model brings a trait the sample lacks.
 * It also holds {@code plain101}, a network whose float64 SGD step is chaotic at initialisation,
 * so that the cross-backend comparison's rule for chaotic cases runs on every build.
 */
public final class ZooSample {

    /** The system property that chooses the models: empty or {@code sample}, {@code all}, or a list. */
    public static final String PROPERTY = "zoo.models";

    /** The representative sample, cheapest first. */
    public static final List<String> REPRESENTATIVE = List.of(
            "lesson_cnn", "resnet20", "plain20", "alexnet", "vgg11", "vgg11_bn", "resnet18", "resnet50", "plain101");

    private ZooSample() {
    }

    /** The models a sweep visits under the current {@value #PROPERTY} setting, in listing order. */
    public static List<String> names() {
        return names(System.getProperty(PROPERTY, ""));
    }

    /** The models {@code setting} selects: blank or {@code sample}, {@code all}, or a comma-separated list. */
    public static List<String> names(String setting) {
        String s = setting == null ? "" : setting.strip();
        if (s.isEmpty() || s.equals("sample")) {
            return REPRESENTATIVE;
        }
        if (s.equals("all")) {
            return List.copyOf(ModelZoo.names());
        }
        List<String> chosen = new ArrayList<>();
        for (String name : s.split(",")) {
            String n = name.strip();
            if (!ModelZoo.names().contains(n)) {
                throw new IllegalArgumentException(PROPERTY + ": unknown model '" + n
                        + "'; expected 'sample', 'all' or zoo names from " + ModelZoo.names());
            }
            chosen.add(n);
        }
        return List.copyOf(chosen);
    }

    /**
     * What a model brings to a sweep: its family (name without depth, and whether its default input
     * is ImageNet-sized), and every layer kind with the variants a backend compiles differently
     * (pool type and overlap, padding, bias, activation kind, shortcut kind, block body length).
     */
    public static Set<String> traits(String name) {
        Set<String> traits = new TreeSet<>();
        String family = name.replaceAll("[0-9]+", "");
        boolean imagenet = ModelZoo.entry(name).defaultInput().height() > 64;
        traits.add("family " + family + (imagenet ? " (ImageNet)" : " (CIFAR)"));
        Architecture a = ModelZoo.build(name, ModelZoo.entry(name).defaultInput(), 10);
        a.network().accept(new TraitCollector(traits), "");
        return traits;
    }

    /** The union of {@link #traits} over {@code names}. */
    public static Set<String> traits(List<String> names) {
        Set<String> all = new TreeSet<>();
        names.forEach(n -> all.addAll(traits(n)));
        return all;
    }

    private record TraitCollector(Set<String> traits) implements LayerVisitor<Void> {

        @Override
        public Void visitConv2d(Conv2d c, String path) {
            traits.add("Conv2d " + c.kernel() + "x" + c.kernel() + (c.stride() > 1 ? " strided" : "")
                    + (c.padding() > 0 ? " padded" : "") + (c.bias() ? " biased" : ""));
            return null;
        }

        @Override
        public Void visitDense(Dense d, String path) {
            traits.add("Dense" + (d.bias() ? " biased" : ""));
            return null;
        }

        @Override
        public Void visitPool(Pool p, String path) {
            traits.add("Pool " + p.type() + (p.kernel() > p.stride() ? " overlapping" : "")
                    + (p.padding() > 0 ? " padded" : ""));
            return null;
        }

        @Override
        public Void visitGlobalPool(GlobalPool g, String path) {
            traits.add("GlobalPool " + g.type());
            return null;
        }

        @Override
        public Void visitBatchNorm(BatchNorm b, String path) {
            traits.add("BatchNorm");
            return null;
        }

        @Override
        public Void visitActivation(Activation a, String path) {
            traits.add("Activation " + a.function());
            return null;
        }

        @Override
        public Void visitDropout(Dropout d, String path) {
            traits.add("Dropout");
            return null;
        }

        @Override
        public Void visitFlatten(Flatten f, String path) {
            traits.add("Flatten");
            return null;
        }

        @Override
        public Void visitLocalResponseNorm(LocalResponseNorm l, String path) {
            traits.add("LocalResponseNorm");
            return null;
        }

        @Override
        public Void visitSequential(Sequential s, String path) {
            for (Layer child : s.layers()) {
                child.accept(this, Layer.childPath(path, child));
            }
            return null;
        }

        @Override
        public Void visitResidual(Residual r, String path) {
            long convs = r.body().layers().stream().filter(l -> l instanceof Conv2d).count();
            // the record's own name, so that a new shortcut kind is a new trait without code here
            traits.add("Residual " + r.shortcut().getClass().getSimpleName() + " shortcut");
            traits.add("Residual body of " + convs + " convolutions");
            traits.add("Residual activation " + (r.activation() == null ? "none" : r.activation().toString().toLowerCase(Locale.ROOT)));
            r.body().accept(this, path);
            if (r.shortcut() instanceof Shortcut.Projection p) {
                p.layers().accept(this, Residual.shortcutPath(path));
            }
            return null;
        }
    }
}

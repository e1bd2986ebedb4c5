package dev.zoo.api.zoo;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.SpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every zoo model by name: {@code alexnet}, {@code vgg11...vgg19} and their {@code _bn} twins,
 * {@code resnet18...resnet152}, the CIFAR ResNets {@code resnet20...resnet110}, the plain twins
 * ({@code plain18}, {@code plain20}, ...) and {@code lesson_cnn}. ImageNet models are identical to
 * torchvision's at 3x224x224 and switch to their small-image form for small inputs.
 */
public final class ModelZoo {

    private static final Shape IMAGENET_INPUT = Shape.chw(3, 224, 224);
    private static final Shape CIFAR_INPUT = Shape.chw(3, 32, 32);

    /** Which options a model understands and what it defaults to. */
    private enum Family {
        /** ImageNet model with a small-image form; no residual shortcuts. */
        IMAGENET_PLAIN(IMAGENET_INPUT, 1000, false, true),
        /** ImageNet ResNet; projection shortcuts by default. */
        IMAGENET_RESIDUAL(IMAGENET_INPUT, 1000, true, true),
        /** CIFAR ResNet; only the small form, zero-padding shortcuts by default. */
        CIFAR_RESIDUAL(CIFAR_INPUT, 10, true, false),
        /** CIFAR plain net or the lesson CNN: one form, no shortcuts. */
        CIFAR_PLAIN(CIFAR_INPUT, 10, false, false);

        final Shape input;
        final int classes;
        final boolean residual;
        final boolean hasImagenetForm;

        Family(Shape input, int classes, boolean residual, boolean hasImagenetForm) {
            this.input = input;
            this.classes = classes;
            this.residual = residual;
            this.hasImagenetForm = hasImagenetForm;
        }
    }

    /** Builds a model from resolved choices. */
    @FunctionalInterface
    private interface Builder {
        Architecture build(String name, Shape input, int classes, boolean small, ShortcutOption shortcut);
    }

    private record Registration(ZooEntry entry, Family family, Builder builder) {
    }

    private static final Map<String, Registration> REGISTRY = registry();

    private ModelZoo() {
    }

    private static Map<String, Registration> registry() {
        Map<String, Registration> r = new LinkedHashMap<>();
        add(r, "alexnet", "AlexNet (Krizhevsky et al. 2012), torchvision's form", AlexNet.PAPER, Family.IMAGENET_PLAIN,
                (n, in, c, small, s) -> AlexNet.build(n, in, c, small));
        for (VggConfig config : VggConfig.values()) {
            int depth = config.depth();
            for (boolean bn : new boolean[] {false, true}) {
                add(r, "vgg" + depth + (bn ? "_bn" : ""), "VGG-" + depth + (bn ? " with batch norm" : "")
                        + " (Simonyan and Zisserman 2014), torchvision's form", Vgg.PAPER, Family.IMAGENET_PLAIN,
                        (n, in, c, small, s) -> Vgg.build(n, config, bn, in, c, small));
            }
        }
        // The name's number is computed from the config (stem + block convolutions + fc), so a wrong
        // block kind or stage depth cannot hide behind the right name.
        for (ResNetConfig config : List.of(ResNetConfig.imagenet(BlockKind.BASIC, 2, 2, 2, 2),
                ResNetConfig.imagenet(BlockKind.BASIC, 3, 4, 6, 3), ResNetConfig.imagenet(BlockKind.BOTTLENECK, 3, 4, 6, 3),
                ResNetConfig.imagenet(BlockKind.BOTTLENECK, 3, 4, 23, 3),
                ResNetConfig.imagenet(BlockKind.BOTTLENECK, 3, 8, 36, 3))) {
            addResNets(r, config, Family.IMAGENET_RESIDUAL, Family.IMAGENET_PLAIN, "ImageNet ResNet (v1.5, torchvision)");
        }
        for (int n : new int[] {3, 5, 7, 9, 18}) {
            addResNets(r, ResNetConfig.cifar(n), Family.CIFAR_RESIDUAL, Family.CIFAR_PLAIN,
                    "CIFAR ResNet (He et al. 2015, 4.2)");
        }
        add(r, "lesson_cnn", "the lesson's first CNN: 2 x (3x3 conv, 2x2 max-pool), dense 256, dense classes",
                "", Family.CIFAR_PLAIN, (n, in, c, small, s) -> LessonCnn.build(n, in, c));
        return Collections.unmodifiableMap(r);
    }

    private static void addResNets(Map<String, Registration> r, ResNetConfig config, Family residual, Family plain,
            String kind) {
        int depth = config.depth();
        String stages = config.block().name().toLowerCase(java.util.Locale.ROOT) + " blocks " + config.stageDepths();
        add(r, "resnet" + depth, "ResNet-" + depth + ", " + kind + ", " + stages, ResNet.PAPER, residual,
                (n, in, c, small, s) -> ResNet.build(n, "ResNet-" + depth, config, in, c, small, s,
                        ResNet.Skip.RESIDUAL));
        add(r, "plain" + depth, "plain twin of resnet" + depth + ": the same stack without skip connections",
                ResNet.PAPER, plain, (n, in, c, small, s) -> ResNet.build(n, "Plain-" + depth, config, in, c, small,
                        s, ResNet.Skip.NONE));
    }

    private static void add(Map<String, Registration> r, String name, String description, String paper, Family family,
            Builder builder) {
        r.put(name, new Registration(new ZooEntry(name, description, family.input, family.classes, paper), family,
                builder));
    }

    /** Every registered model, in listing order. */
    public static List<ZooEntry> entries() {
        return REGISTRY.values().stream().map(Registration::entry).toList();
    }

    /** The registered names, in listing order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(REGISTRY.keySet()));
    }

    /** The entry for {@code name}. */
    public static ZooEntry entry(String name) {
        return registration(name).entry();
    }

    /**
     * Builds {@code name} for {@code input} and {@code classes}, other choices left to the model.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     * @throws SpecException            when the model cannot take this input
     */
    public static Architecture build(String name, Shape input, int classes) {
        return build(name, ZooOptions.of(input, classes));
    }

    /**
     * Builds {@code name} with {@code options}; null fields take the model's defaults.
     *
     * @throws IllegalArgumentException for an unknown name (listing the valid ones) or an option the
     *                                  model does not have
     * @throws SpecException            when the model cannot take this input
     */
    public static Architecture build(String name, ZooOptions options) {
        Registration reg = registration(name);
        Family family = reg.family();
        Shape input = options.input() == null ? family.input : options.input();
        int classes = options.classes() == null ? family.classes : options.classes();
        if (!input.isImage()) {
            throw new SpecException(name, "zoo models take a CxHxW image input, got flat " + input
                    + " (give it as for example 1x28x28)");
        }
        if (options.shortcut() != null && !family.residual) {
            throw new IllegalArgumentException(name + " has no residual shortcuts, so a shortcut option ("
                    + options.shortcut() + ") does not apply; it applies to the resnet* models");
        }
        if (options.head() == HeadOption.IMAGENET && !family.hasImagenetForm) {
            throw new IllegalArgumentException(name + " has only its small-image form, so head " + HeadOption.IMAGENET
                    + " does not apply; use " + HeadOption.AUTO + " or " + HeadOption.SMALL);
        }
        boolean small = !family.hasImagenetForm || options.head().small(input);
        ShortcutOption shortcut = options.shortcut() != null ? options.shortcut()
                : family == Family.CIFAR_RESIDUAL ? ShortcutOption.A : ShortcutOption.B;
        return reg.builder().build(name, input, classes, small, shortcut);
    }

    private static Registration registration(String name) {
        Registration reg = name == null ? null : REGISTRY.get(name);
        if (reg == null) {
            throw new IllegalArgumentException("unknown architecture '" + name + "'; the zoo has: "
                    + String.join(", ", REGISTRY.keySet()));
        }
        return reg;
    }
}

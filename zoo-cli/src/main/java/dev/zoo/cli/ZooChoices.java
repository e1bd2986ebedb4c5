package dev.zoo.cli;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.SpecException;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ShortcutOption;
import dev.zoo.api.zoo.ZooOptions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The options that pick a form of a zoo model, shared by every command that builds one. */
final class ZooChoices {

    @Option(names = "--input", paramLabel = "CxHxW", converter = ShapeConverter.class,
            description = "Input shape of one example, e.g. 3x32x32 or 1x28x28 (default: the model's own)")
    Shape input;

    @Option(names = "--classes", paramLabel = "N",
            description = "Number of classes (default: 1000 for ImageNet models, 10 for CIFAR ones)")
    Integer classes;

    @Option(names = "--shortcut", paramLabel = "A|B",
            description = "ResNet shortcut where shapes change: A zero-pad, B projection "
                    + "(default: A for CIFAR ResNets, B for ImageNet ResNets)")
    ShortcutOption shortcut;

    @Option(names = "--head", paramLabel = "auto|imagenet|small", defaultValue = "auto",
            description = "Stem and classifier form: auto (small below 64 px), imagenet or small "
                    + "(default: ${DEFAULT-VALUE})")
    HeadOption head;

    /** The options of this group the user gave on the command line (the defaults do not count). */
    List<String> given(ParseResult parsed) {
        return Stream.of("--input", "--classes", "--shortcut", "--head").filter(parsed::hasMatchedOption).toList();
    }

    /**
     * The zoo model {@code name} in the form these options pick. An input too small for it fails
     * naming the node and the rule, and adds the smallest input that would work.
     */
    Architecture build(String name) {
        ZooOptions options = toOptions();
        try {
            return ModelZoo.build(name, options);
        } catch (SpecException e) {
            if (options.input() == null || !options.input().isImage()) {
                throw e;
            }
            throw SmallestInput.of(name, options)
                    .<RuntimeException>map(min -> new IllegalArgumentException(e.getMessage() + "; " + name
                            + (options.head() == HeadOption.AUTO ? "" : " with --head " + options.head().name()
                                    .toLowerCase(Locale.ROOT))
                            + " needs an input of at least " + min, e))
                    .orElse(e);
        }
    }

    ZooOptions toOptions() {
        if (classes != null && classes < 1) {
            throw new IllegalArgumentException("--classes must be >= 1, got " + classes);
        }
        return new ZooOptions(input, classes, shortcut, head);
    }
}

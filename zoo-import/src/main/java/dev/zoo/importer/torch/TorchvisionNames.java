package dev.zoo.importer.torch;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Flatten;
import dev.zoo.api.spec.Layer;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Sequential;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * torchvision's state-dict names for the zoo models torchvision has, in their ImageNet form.
 *
 * <p>AlexNet and VGG are {@code nn.Sequential}s numbered by position: {@code features.N} counts every
 * convolution, batch norm, ReLU and max pool of the zoo's feature blocks in order, and
 * {@code classifier.N} every layer of the zoo's head except its flatten (torchvision flattens in
 * {@code forward}). So the numbers are derived from the zoo's own tree, never written out. ResNets are
 * named by stage and block: {@code stage2.block1.conv1} is {@code layer2.0.conv1}, a projection
 * shortcut is {@code downsample.0} (conv) and {@code downsample.1} (batch norm), the stem is
 * {@code conv1}/{@code bn1}, the head's dense layer is {@code fc}. Parameter suffixes
 * ({@code weight}, {@code bias}, {@code running_mean}, {@code running_var}) are the same in both.
 */
public final class TorchvisionNames {

    /** The zoo models torchvision also has. */
    public static final Pattern MODELS = Pattern.compile("alexnet|vgg(11|13|16|19)(_bn)?|resnet(18|34|50|101|152)");

    private static final Pattern RESNET_BLOCK = Pattern.compile("stage(\\d+)\\.block(\\d+)\\.(.+)");
    private static final Map<String, String> RESNET_FIXED = Map.of("stem.conv", "conv1", "stem.bn", "bn1",
            "head.fc", "fc", "shortcut.conv", "downsample.0", "shortcut.bn", "downsample.1");

    private TorchvisionNames() {
    }

    /** Whether torchvision has {@code model}. */
    public static boolean has(String model) {
        return model != null && MODELS.matcher(model).matches();
    }

    /**
     * The torchvision name of every parameter of {@code architecture}, a zoo model {@code model} in its
     * ImageNet form, keyed by the zoo's canonical name, in the architecture's order.
     */
    public static Map<String, String> of(String model, Architecture architecture) {
        check(model);
        Map<String, String> nodes = model.startsWith("resnet") ? Map.of() : sequentialNodes(architecture.network());
        Map<String, String> names = new LinkedHashMap<>();
        for (ParameterSpec p : architecture.parameters()) {
            String suffix = p.name().substring(p.nodePath().length() + 1);
            String node = model.startsWith("resnet") ? resnetNode(p.nodePath()) : nodes.get(p.nodePath());
            if (node == null) {
                throw new IllegalArgumentException(model + ": " + p.nodePath()
                        + " has no counterpart in torchvision's model (is this the ImageNet form?)");
            }
            names.put(p.name(), node + "." + suffix);
        }
        return names;
    }

    /** Fails, listing the models it has, unless torchvision has {@code model}. */
    public static void check(String model) {
        if (!has(model)) {
            throw new IllegalArgumentException(model + ": torchvision has no such model; these zoo models have "
                    + "torchvision weights: alexnet, vgg11...vgg19 (and _bn), resnet18...resnet152");
        }
    }

    /** AlexNet and VGG: positions in torchvision's {@code features} and {@code classifier}. */
    private static Map<String, String> sequentialNodes(Sequential network) {
        Map<String, String> nodes = new HashMap<>();
        int features = 0;
        for (Layer top : network.layers()) {
            if (!(top instanceof Sequential seq)) {
                continue;
            }
            boolean head = seq.name().equals("head");
            int classifier = 0;
            for (Layer leaf : seq.layers()) {
                if (head && !(leaf instanceof Flatten)) {
                    nodes.put(seq.name() + "." + leaf.name(), "classifier." + classifier++);
                } else if (!head) {
                    nodes.put(seq.name() + "." + leaf.name(), "features." + features++);
                }
            }
        }
        return nodes;
    }

    private static String resnetNode(String path) {
        String fixed = RESNET_FIXED.get(path);
        if (fixed != null) {
            return fixed;
        }
        Matcher m = RESNET_BLOCK.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String rest = m.group(3);
        String inBlock = RESNET_FIXED.getOrDefault(rest, rest);
        return "layer" + m.group(1) + "." + (Integer.parseInt(m.group(2)) - 1) + "." + inBlock;
    }

    /** The torchvision names of the dense layer that gives the logits, for reading the class count. */
    static List<String> logitsWeight() {
        return List.of("fc.weight", "classifier.6.weight");
    }
}

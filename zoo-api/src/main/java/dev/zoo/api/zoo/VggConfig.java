package dev.zoo.api.zoo;

import java.util.Arrays;
import java.util.List;

/**
 * The VGG configurations of Simonyan and Zisserman 2014 (Table 1) as torchvision writes them: a
 * list of 3x3 convolution widths with {@code M} for a 2x2 max pool.
 */
enum VggConfig {
    /** VGG-11. */
    A("64 M 128 M 256 256 M 512 512 M 512 512 M"),
    /** VGG-13. */
    B("64 64 M 128 128 M 256 256 M 512 512 M 512 512 M"),
    /** VGG-16. */
    D("64 64 M 128 128 M 256 256 256 M 512 512 512 M 512 512 512 M"),
    /** VGG-19. */
    E("64 64 M 128 128 M 256 256 256 256 M 512 512 512 512 M 512 512 512 512 M");

    /** The token that stands for a max pool. */
    static final String POOL = "M";

    private final List<String> items;

    VggConfig(String layout) {
        this.items = Arrays.asList(layout.split(" "));
    }

    /** Widths and {@link #POOL} markers in order. */
    List<String> items() {
        return items;
    }

    /** Number of weight layers: the convolutions plus the three dense layers of the classifier. */
    int depth() {
        return (int) items.stream().filter(i -> !i.equals(POOL)).count() + 3;
    }
}

package dev.zoo.api.json;

import java.util.List;

/**
 * The {@code "type"} tags of the architecture file format. They are part of the format, written
 * here once and never derived from Java class names, so renaming or moving a spec record cannot
 * change what a saved file says or stop an old file from loading; a new tag is a new layer kind.
 */
final class TypeTags {

    static final String CONV2D = "Conv2d";
    static final String DENSE = "Dense";
    static final String POOL = "Pool";
    static final String GLOBAL_POOL = "GlobalPool";
    static final String BATCH_NORM = "BatchNorm";
    static final String ACTIVATION = "Activation";
    static final String DROPOUT = "Dropout";
    static final String FLATTEN = "Flatten";
    static final String LOCAL_RESPONSE_NORM = "LocalResponseNorm";
    static final String SEQUENTIAL = "Sequential";
    static final String RESIDUAL = "Residual";

    static final String IDENTITY = "Identity";
    static final String ZERO_PAD = "ZeroPad";
    static final String PROJECTION = "Projection";

    /** Every layer tag, in the order error messages list them. */
    static final List<String> LAYERS = List.of(CONV2D, DENSE, POOL, GLOBAL_POOL, BATCH_NORM, ACTIVATION, DROPOUT,
            FLATTEN, LOCAL_RESPONSE_NORM, SEQUENTIAL, RESIDUAL);

    /** Every shortcut tag. */
    static final List<String> SHORTCUTS = List.of(IDENTITY, ZERO_PAD, PROJECTION);

    private TypeTags() {
    }
}

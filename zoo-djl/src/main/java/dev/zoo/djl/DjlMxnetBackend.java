package dev.zoo.djl;

/** The {@code djl-mxnet} backend: DJL on the Apache MXNet engine. */
public final class DjlMxnetBackend extends DjlBackend {

    public static final String ID = "djl-mxnet";

    public DjlMxnetBackend() {
        super(ID, "MXNet", GradientReset.NONE);
    }
}

package dev.zoo.djl;

/** The {@code djl-pytorch} backend: DJL on the PyTorch (libtorch) engine, the default. */
public final class DjlPyTorchBackend extends DjlBackend {

    public static final String ID = "djl-pytorch";

    public DjlPyTorchBackend() {
        super(ID, "PyTorch", GradientReset.PYTORCH);
    }

    @Override
    void configureNativeLogging() {
        LibTorchLogLevel.applyOnce();
    }
}

package dev.zoo.api.backend;

/** A backend cannot express a node of an architecture; raised before any training starts. */
public class UnsupportedLayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedLayerException(String backendId, String kind, String path, String why) {
        super("backend " + backendId + " cannot compile " + kind + " at '" + path + "'" + (why == null ? "" : ": " + why));
    }
}

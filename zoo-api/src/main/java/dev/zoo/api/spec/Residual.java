package dev.zoo.api.spec;

/**
 * A residual unit: {@code out = activation(body(x) + shortcut(x))}. The input is added before the
 * activation, as in He et al. 2015. {@code activation} may be null for no activation after the add.
 *
 * <p>Paths: the body's children sit directly under the residual ({@code stage1.block1.conv1}; the
 * body's own name is not a path segment, so visitors call {@code body().accept(visitor, path)} with
 * the residual's own path); a projection's children sit under {@code <residual>.shortcut}.
 */
public record Residual(String name, Sequential body, Shortcut shortcut, ActivationKind activation) implements Layer {

    /** The path segment of a projection shortcut. */
    public static final String SHORTCUT = "shortcut";

    public Residual {
        Names.check("Residual", name);
        if (body == null) {
            throw new SpecException(name, "a Residual needs a body, got null");
        }
        if (shortcut == null) {
            throw new SpecException(name, "a Residual needs a shortcut (Identity, ZeroPad or Projection), got null");
        }
        for (Layer child : body.layers()) {
            if (child.name().equals(SHORTCUT)) {
                throw new SpecException(name + "." + SHORTCUT,
                        "a body layer may not be named '" + SHORTCUT + "': that path belongs to the shortcut");
            }
        }
    }

    /** The path of the projection shortcut's Sequential, given this residual's path. */
    public static String shortcutPath(String residualPath) {
        return residualPath == null || residualPath.isEmpty() ? SHORTCUT : residualPath + "." + SHORTCUT;
    }

    @Override
    public String kind() {
        return "Residual";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitResidual(this, path);
    }
}

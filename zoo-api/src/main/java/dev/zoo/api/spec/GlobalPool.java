package dev.zoo.api.spec;

/** Pools each channel of a CxHxW map to one value; the output is flat {@code [C]}. */
public record GlobalPool(String name, PoolType type) implements Layer {

    public GlobalPool {
        Names.check("GlobalPool", name);
        if (type == null) {
            throw new SpecException(name, "pool type must be MAX or AVG, got null");
        }
    }

    public static GlobalPool avg(String name) {
        return new GlobalPool(name, PoolType.AVG);
    }

    @Override
    public String kind() {
        return "GlobalPool";
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor, String path) {
        return visitor.visitGlobalPool(this, path);
    }
}

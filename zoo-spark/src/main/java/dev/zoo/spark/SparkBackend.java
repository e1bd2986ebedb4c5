package dev.zoo.spark;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.spec.Architecture;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Any backend, trained data-parallel on Spark: it compiles a {@link SparkNetwork}, whose training
 * steps are rounds run by Spark's tasks on networks of {@code inner}, while evaluation, checkpoints
 * and export use a network on the driver. The neutral training loop, run folder, checkpoints and
 * resume work on it unchanged. The id stays the inner backend's: a checkpoint written on Spark is
 * that backend's checkpoint and resumes with or without Spark.
 */
public final class SparkBackend implements Backend {

    private final Backend inner;
    private final JavaSparkContext spark;
    private final SparkSettings settings;

    public SparkBackend(Backend inner, JavaSparkContext spark, SparkSettings settings) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.spark = Objects.requireNonNull(spark, "spark");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public String description() {
        return inner.description() + ", on Spark " + spark.master() + " (" + settings.workers() + " workers, "
                + (settings.syncEvery() == 1 ? "averaged every step" : "averaged every " + settings.syncEvery() + " steps")
                + ")";
    }

    @Override
    public void check(Architecture architecture) {
        inner.check(architecture);
    }

    @Override
    public Network compile(Architecture architecture, NetworkOptions options) {
        return SparkNetwork.create(inner.compile(architecture, options), spark, settings, options);
    }

    public SparkSettings settings() {
        return settings;
    }
}

package dev.zoo.datasets;

import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.pipeline.ChannelStats;
import java.nio.file.Path;
import java.util.List;

/**
 * An opened dataset: its training, validation and test splits as {@link BatchSource}s, ready for
 * any backend, with the facts a run report needs (where it came from, normalisation used).
 */
public final class Dataset {

    private final String name;
    private final Path location;
    private final List<String> classNames;
    private final ChannelStats stats;
    private final BatchSource train;
    private final BatchSource validation;
    private final BatchSource test;

    Dataset(String name, Path location, List<String> classNames, ChannelStats stats, BatchSource train,
            BatchSource validation, BatchSource test) {
        this.name = name;
        this.location = location;
        this.classNames = List.copyOf(classNames);
        this.stats = stats;
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    public String name() {
        return name;
    }

    /** The directory the files were read from. */
    public Path location() {
        return location;
    }

    /** The training split (shuffled per epoch, augmented if asked), less any validation examples. */
    public BatchSource train() {
        return train;
    }

    /** The held-out validation split (empty unless a validation fraction was set); never augmented. */
    public BatchSource validation() {
        return validation;
    }

    /** The published test split, in file order, never augmented. */
    public BatchSource test() {
        return test;
    }

    /** Class names, indexed by label. */
    public List<String> classNames() {
        return classNames;
    }

    /** Shape of one served example (after any padding). */
    public Shape itemShape() {
        return train.itemShape();
    }

    /** The per-channel mean and std the values were normalised with. */
    public ChannelStats normalization() {
        return stats;
    }

    @Override
    public String toString() {
        return name + " from " + location + ": train " + train.size() + ", validation " + validation.size() + ", test "
                + test.size() + ", " + itemShape() + ", " + classNames.size() + " classes";
    }
}

package dev.zoo.bench.compare;

import dev.zoo.datasets.DataOptions;
import java.nio.file.Path;

/**
 * The dataset every backend of a comparison trains on, prepared the same way in every child JVM.
 *
 * @param dataset name ({@code fashion-mnist}, {@code cifar10}, {@code folder:PATH})
 * @param dataDir where to look first, or null for the default search
 * @param limit   use at most this many examples of each split (0: all)
 * @param seed    seed of the data order and augmentation
 * @param augment random crop and flip on the training split
 * @param padTo   zero-pad images to this size (0: keep)
 */
public record CompareData(String dataset, String dataDir, int limit, long seed, boolean augment, int padTo) {

    /** The options that open this data through {@code zoo-datasets}. */
    public DataOptions options() {
        return DataOptions.defaults().dataDir(dataDir == null ? null : Path.of(dataDir)).seed(seed).augment(augment)
                .padTo(padTo).limit(limit).normalize(true).download(true);
    }
}

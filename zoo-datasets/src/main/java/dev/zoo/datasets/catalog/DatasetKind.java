package dev.zoo.datasets.catalog;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ChannelStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One kind of dataset: its files and facts, and how to read a split of it from a directory. */
public interface DatasetKind {

    /** The name users type ({@code cifar10}). */
    String name();

    /** One line for listings. */
    String description();

    /** Shape of a stored example (CxHxW). */
    Shape storedShape();

    /** Published number of examples in a split, or -1 when not fixed (image folders). */
    int count(SplitName split);

    /** Class names, indexed by label. */
    List<String> classNames(Cifar100Labels labels);

    /** The files a directory must hold to contain this dataset. */
    List<RequiredFile> requiredFiles();

    /** Sub-folder names under which this dataset may sit in a data directory ({@code cifar10}, {@code cifar-10-batches-bin}). */
    List<String> folderNames();

    /** Where it is published, if anywhere. */
    Optional<Download> download();

    /** Published per-channel mean and std (values / 255), if any. */
    Optional<ChannelStats> publishedStats();

    /** Reads and checks one split from a directory holding {@link #requiredFiles()}. */
    LabeledImages read(Path dir, SplitName split, Cifar100Labels labels);
}

package dev.zoo.datasets;

import dev.zoo.datasets.catalog.Catalog;
import dev.zoo.datasets.catalog.DataLocator;
import dev.zoo.datasets.catalog.DatasetKind;
import dev.zoo.datasets.catalog.ImageFolderDataset;
import dev.zoo.datasets.catalog.RequiredFile;
import dev.zoo.datasets.catalog.SplitName;
import dev.zoo.datasets.error.DatasetNotFoundException;
import dev.zoo.datasets.fetch.ConsoleProgress;
import dev.zoo.datasets.fetch.Fetcher;
import dev.zoo.datasets.fetch.ProgressListener;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ChannelStats;
import dev.zoo.datasets.pipeline.ExampleSelection;
import dev.zoo.datasets.pipeline.ExampleTransform;
import dev.zoo.datasets.pipeline.ImageBatchSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Entry point: open a dataset by name, list the known ones, or download one into the cache. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Finds (or downloads), reads, checks and prepares a dataset.
     *
     * @param name {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code cifar100} or {@code folder:PATH}
     * @throws DatasetNotFoundException when it is nowhere and cannot be downloaded
     * @throws dev.zoo.datasets.error.DataFileException when a file breaks its format
     */
    public static Dataset open(String name, DataOptions options) {
        DatasetKind kind = Catalog.find(name, options.imageSize());
        Path dir = kind instanceof ImageFolderDataset ? Path.of(name.substring(Catalog.FOLDER_PREFIX.length()))
                : locateOrFetch(kind, options, new ConsoleProgress());
        LabeledImages trainAll = kind.read(dir, SplitName.TRAIN, options.cifar100Labels());
        LabeledImages testAll = kind.read(dir, SplitName.TEST, options.cifar100Labels());
        List<String> classes = kind.classNames(options.cifar100Labels());

        ExampleSelection.Split split = ExampleSelection.split(select(trainAll, classes.size(), options),
                options.validationFraction(), options.seed());
        ChannelStats stats = stats(kind, options, trainAll, split.train());
        ExampleTransform trainTransform = new ExampleTransform(trainAll.itemShape(), options.padTo(), options.augment(), stats);
        ExampleTransform plain = trainTransform.withoutAugmentation();
        String n = kind.name();
        return new Dataset(n, dir, classes, stats,
                new ImageBatchSource(n + "/train", trainAll, split.train(), classes, trainTransform, options.seed(), true,
                        options.prefetch()),
                new ImageBatchSource(n + "/validation", trainAll, split.validation(), classes, plain, options.seed(), false,
                        options.prefetch()),
                new ImageBatchSource(n + "/test", testAll, select(testAll, classes.size(), options), classes, plain,
                        options.seed(), false, options.prefetch()));
    }

    /** Each named dataset with where it was found under default options (or why not). */
    public static List<DatasetStatus> known() {
        return known(DataOptions.defaults());
    }

    /** Each named dataset with where it was found under {@code options} (or why not); never downloads. */
    public static List<DatasetStatus> known(DataOptions options) {
        List<DatasetStatus> out = new ArrayList<>();
        for (DatasetKind kind : Catalog.known()) {
            DataLocator.Result result = DataLocator.locate(kind, roots(options));
            Optional<DataLocator.Probe> found = result.found();
            List<String> classes = kind.classNames(options.cifar100Labels());
            out.add(new DatasetStatus(kind.name(), kind.description(), found.map(DataLocator.Probe::dir).orElse(null),
                    found.map(DataLocator.Probe::source).orElse(null), found.isPresent() ? null : result.describe(),
                    found.map(p -> sizeOf(kind, p.dir())).orElse(0L), kind.storedShape(), kind.count(SplitName.TRAIN),
                    kind.count(SplitName.TEST), classes));
        }
        return out;
    }

    /**
     * Makes sure a dataset is on disk and whole: finds it, or downloads it into the cache (MD5
     * verified, moved in atomically), then reads both splits in full.
     *
     * @return the directory holding it
     */
    public static Path fetch(String name, DataOptions options, ProgressListener progress) {
        DatasetKind kind = Catalog.find(name, options.imageSize());
        if (kind instanceof ImageFolderDataset) {
            throw new IllegalArgumentException("dataset '" + name + "': an image folder is not fetched; open it directly");
        }
        Path dir = locateOrFetch(kind, options.download(true), progress);
        for (SplitName split : SplitName.values()) {
            kind.read(dir, split, options.cifar100Labels());
        }
        return dir;
    }

    private static Path locateOrFetch(DatasetKind kind, DataOptions options, ProgressListener progress) {
        DataLocator.Result result = DataLocator.locate(kind, roots(options));
        Optional<DataLocator.Probe> found = result.found();
        if (found.isPresent()) {
            return found.get().dir();
        }
        if (!options.download()) {
            throw notFound(kind, options, result, "download is switched off", null);
        }
        try {
            return Fetcher.fetch(kind, options.cacheDir(), options.mirror(), progress);
        } catch (UncheckedIOException e) {
            throw notFound(kind, options, result, "download failed: " + Fetcher.describe(e.getCause()), e);
        }
    }

    private static DatasetNotFoundException notFound(DatasetKind kind, DataOptions options, DataLocator.Result result,
            String download, Throwable cause) {
        String files = kind.requiredFiles().stream().map(RequiredFile::display).collect(Collectors.joining(", "));
        String urls = kind.download().map(d -> d.files().stream().map(f -> f.urls().get(0).toString())
                .collect(Collectors.joining(", "))).orElse("nowhere");
        return new DatasetNotFoundException(kind.name() + ": not found, and " + download + ".\nLooked in:\n"
                + result.describe() + "\nTo fix: put " + files + "\ninto " + options.cacheDir().resolve(kind.name())
                + " (or into a directory passed as --data-dir or named by " + DataOptions.ENV_DATA_DIR + "),"
                + "\nor let the zoo download them (published at " + urls + ").", cause);
    }

    private static int[] select(LabeledImages images, int classes, DataOptions options) {
        int[] chosen = ExampleSelection.firstPerClass(images, ExampleSelection.all(images.count()), classes,
                options.perClass());
        return ExampleSelection.firstN(chosen, options.limit());
    }

    private static ChannelStats stats(DatasetKind kind, DataOptions options, LabeledImages train, int[] trainIndices) {
        if (!options.normalize()) {
            return ChannelStats.identity(train.itemShape().channels());
        }
        if (options.normalization() == Normalization.PUBLISHED && kind.publishedStats().isPresent()) {
            return kind.publishedStats().get();
        }
        return ChannelStats.compute(train, trainIndices);
    }

    private static DataLocator.Roots roots(DataOptions options) {
        return new DataLocator.Roots(options.dataDir(), options.envDataDir(), options.cacheDir(), options.systemDataDir());
    }

    private static long sizeOf(DatasetKind kind, Path dir) {
        long total = 0;
        for (RequiredFile f : kind.requiredFiles()) {
            Optional<Path> p = f.find(dir);
            if (p.isPresent()) {
                try {
                    total += Files.size(p.get());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the size of " + p.get(), e);
                }
            }
        }
        return total;
    }
}

package dev.zoo.datasets.catalog;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.format.CifarLayout;
import dev.zoo.datasets.format.CifarReader;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ChannelStats;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 in their binary versions: 50,000 training and 10,000 test colour images
 * of 32x32 pixels (Krizhevsky 2009).
 *
 * @see <a href="https://www.cs.toronto.edu/~kriz/learning-features-2009-TR.pdf">Learning Multiple Layers of Features from Tiny Images</a>
 */
public final class CifarDataset extends PublishedDataset {

    /** CIFAR-10: five training files and one test file of 10,000 records each (30,730,000 bytes). */
    public static final CifarDataset CIFAR10 = new CifarDataset("cifar10", "tiny colour images, 32x32 RGB, 10 classes",
            CifarLayout.CIFAR10,
            List.of(RequiredFile.exactly("data_batch_1.bin", 10_000), RequiredFile.exactly("data_batch_2.bin", 10_000),
                    RequiredFile.exactly("data_batch_3.bin", 10_000), RequiredFile.exactly("data_batch_4.bin", 10_000),
                    RequiredFile.exactly("data_batch_5.bin", 10_000)),
            List.of(RequiredFile.exactly("test_batch.bin", 10_000)),
            new Download(List.of(new RemoteFile("cifar-10-binary.tar.gz",
                    List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")),
                    "c32a1d4ab5d03f1284b67883e8d87530")), "cifar-10-batches-bin"),
            new ChannelStats(new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2470, 0.2435, 0.2616}));

    /** CIFAR-100: {@code train.bin} (50,000 records) and {@code test.bin} (10,000), 3,074 bytes per record. */
    public static final CifarDataset CIFAR100 = new CifarDataset("cifar100",
            "tiny colour images, 32x32 RGB, 100 classes in 20 superclasses", CifarLayout.CIFAR100,
            List.of(RequiredFile.exactly("train.bin", 50_000)), List.of(RequiredFile.exactly("test.bin", 10_000)),
            new Download(List.of(new RemoteFile("cifar-100-binary.tar.gz",
                    List.of(URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz")),
                    "03b5dce01913d631647c71ecec9e9cb8")), "cifar-100-binary"),
            new ChannelStats(new double[] {0.5071, 0.4865, 0.4409}, new double[] {0.2673, 0.2564, 0.2762}));

    private final CifarLayout layout;
    private final List<RequiredFile> train;
    private final List<RequiredFile> test;

    private CifarDataset(String name, String description, CifarLayout layout, List<RequiredFile> train,
            List<RequiredFile> test, Download download, ChannelStats stats) {
        super(name, description, download, stats);
        this.layout = layout;
        this.train = train;
        this.test = test;
    }

    public CifarLayout layout() {
        return layout;
    }

    @Override
    public Shape storedShape() {
        return CifarLayout.IMAGE;
    }

    @Override
    public int count(SplitName split) {
        return files(split).stream().mapToInt(RequiredFile::records).sum();
    }

    @Override
    public List<String> classNames(Cifar100Labels labels) {
        if (layout == CifarLayout.CIFAR10) {
            return CifarClassNames.CIFAR10;
        }
        return labels == Cifar100Labels.COARSE ? CifarClassNames.CIFAR100_COARSE : CifarClassNames.CIFAR100_FINE;
    }

    @Override
    public List<RequiredFile> requiredFiles() {
        return java.util.stream.Stream.concat(train.stream(), test.stream()).toList();
    }

    @Override
    public List<String> folderNames() {
        return List.of(name(), download().orElseThrow().archiveFolder());
    }

    @Override
    public LabeledImages read(Path dir, SplitName split, Cifar100Labels labels) {
        int field = layout == CifarLayout.CIFAR10 ? 0 : labels.labelField();
        return LabeledImages.concat(files(split).stream()
                .map(f -> CifarReader.read(f.require(dir), layout, field, f.records())).toList());
    }

    private List<RequiredFile> files(SplitName split) {
        return split == SplitName.TRAIN ? train : test;
    }
}

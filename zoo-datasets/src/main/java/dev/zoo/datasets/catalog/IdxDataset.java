package dev.zoo.datasets.catalog;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.Cifar100Labels;
import dev.zoo.datasets.format.IdxReader;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ChannelStats;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset in the four-file IDX layout of MNIST: 60,000 training and 10,000 test images of
 * 28x28 grey pixels, ten classes.
 */
public final class IdxDataset extends PublishedDataset {

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final Shape SHAPE = Shape.chw(1, 28, 28);

    /**
     * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017); URLs and MD5s as torchvision lists them.
     *
     * @see <a href="https://arxiv.org/abs/1708.07747">Fashion-MNIST</a>
     */
    public static final IdxDataset FASHION_MNIST = new IdxDataset("fashion-mnist",
            "Zalando article images, 28x28 grey, 10 classes",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            List.of("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                    "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
            new ChannelStats(new double[] {0.2860}, new double[] {0.3530}));

    /**
     * MNIST handwritten digits (LeCun et al. 1998); URLs and MD5s as torchvision lists them.
     *
     * @see <a href="http://yann.lecun.com/exdb/mnist/">MNIST</a>
     */
    public static final IdxDataset MNIST = new IdxDataset("mnist", "handwritten digits, 28x28 grey, 10 classes",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"),
            List.of("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                    "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
            new ChannelStats(new double[] {0.1307}, new double[] {0.3081}));

    private final List<String> classNames;

    private IdxDataset(String name, String description, List<String> classNames, List<String> mirrors,
            List<String> md5s, ChannelStats stats) {
        super(name, description, gzFiles(mirrors, md5s), stats);
        this.classNames = classNames;
    }

    private static Download gzFiles(List<String> mirrors, List<String> md5s) {
        List<String> files = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
        return new Download(java.util.stream.IntStream.range(0, 4).mapToObj(i -> new RemoteFile(files.get(i) + ".gz",
                mirrors.stream().map(m -> URI.create(m + files.get(i) + ".gz")).toList(), md5s.get(i))).toList(), null);
    }

    @Override
    public Shape storedShape() {
        return SHAPE;
    }

    @Override
    public int count(SplitName split) {
        return split == SplitName.TRAIN ? 60_000 : 10_000;
    }

    @Override
    public List<String> classNames(Cifar100Labels labels) {
        return classNames;
    }

    @Override
    public List<RequiredFile> requiredFiles() {
        return List.of(RequiredFile.plainOrGzip(TRAIN_IMAGES, 60_000), RequiredFile.plainOrGzip(TRAIN_LABELS, 60_000),
                RequiredFile.plainOrGzip(TEST_IMAGES, 10_000), RequiredFile.plainOrGzip(TEST_LABELS, 10_000));
    }

    @Override
    public List<String> folderNames() {
        return List.of(name());
    }

    @Override
    public LabeledImages read(Path dir, SplitName split, Cifar100Labels labels) {
        List<RequiredFile> files = requiredFiles();
        int first = split == SplitName.TRAIN ? 0 : 2;
        return IdxReader.read(files.get(first).require(dir), files.get(first + 1).require(dir), count(split), SHAPE,
                classNames.size());
    }
}

package dev.zoo.datasets.bench;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import dev.zoo.datasets.catalog.CifarDataset;
import dev.zoo.datasets.format.CifarLayout;
import dev.zoo.datasets.format.CifarReader;
import dev.zoo.datasets.format.LabeledImages;
import dev.zoo.datasets.pipeline.ExampleSelection;
import dev.zoo.datasets.pipeline.ExampleTransform;
import dev.zoo.datasets.pipeline.ImageBatchSource;
import dev.zoo.datasets.testdata.DatasetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Images per second of the CIFAR input pipeline on one thread: one epoch of a 10,000-record
 * CIFAR-10 file (exact published layout) turned into batches of 128 normalised NCHW floats, with
 * and without the crop+flip augmentation, and the file read itself. Each benchmark operation is
 * one image ({@link OperationsPerInvocation}), so JMH's ops/s are images/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {

    static final int IMAGES = 10_000;
    static final int BATCH = 128;

    private Path file;
    private ImageBatchSource augmented;
    private ImageBatchSource plain;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Files.createTempFile("zoo-bench-", ".bin");
        DatasetFiles.writeCifar(file, CifarLayout.CIFAR10, IMAGES);
        LabeledImages images = CifarReader.read(file, CifarLayout.CIFAR10, 0, IMAGES);
        var stats = CifarDataset.CIFAR10.publishedStats().orElseThrow();
        var names = CifarDataset.CIFAR10.classNames(null);
        augmented = new ImageBatchSource("bench/augmented", images, ExampleSelection.all(IMAGES), names,
                new ExampleTransform(images.itemShape(), 0, true, stats), 42, true, 0);
        plain = new ImageBatchSource("bench/plain", images, ExampleSelection.all(IMAGES), names,
                new ExampleTransform(images.itemShape(), 0, false, stats), 42, true, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    private void epoch(ImageBatchSource source, Blackhole bh) {
        try (BatchIterator it = source.batches(epoch++, BATCH, 0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                bh.consume(b.images());
            }
        }
    }

    /** Decode (bytes to normalised floats) + random crop with 4-px padding + flip + batch, shuffled epoch. */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public void decodeAugmentBatch(Blackhole bh) {
        epoch(augmented, bh);
    }

    /** Decode + batch without augmentation (the test split's path), shuffled epoch. */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public void decodeBatch(Blackhole bh) {
        epoch(plain, bh);
    }

    /** Reading and checking the 30,730,000-byte file (page cache warm). */
    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public LabeledImages readCifarFile() {
        return CifarReader.read(file, CifarLayout.CIFAR10, 0, IMAGES);
    }
}

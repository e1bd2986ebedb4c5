package dev.zoo.examples;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every lesson program shares: which engine, which data, which seed. */
public final class LessonOptions {

    @Option(names = "--backend", defaultValue = "djl-pytorch",
            description = "engine to train on: djl-pytorch, djl-mxnet, dl4j or tensorflow (default: ${DEFAULT-VALUE})")
    String backend = "djl-pytorch";

    @Option(names = "--dataset", defaultValue = "fashion-mnist",
            description = "fashion-mnist, mnist, cifar10 or cifar100 (default: ${DEFAULT-VALUE})")
    String dataset = "fashion-mnist";

    @Option(names = "--data-dir", description = "look for the dataset here first")
    Path dataDir;

    @Option(names = "--seed", defaultValue = "42", description = "seed of weights, data order and dropout (default: ${DEFAULT-VALUE})")
    long seed = 42;

    /** The same options set in code (for tests and for programs that call a lesson). */
    public static LessonOptions of(String backend, String dataset, Path dataDir, long seed) {
        LessonOptions o = new LessonOptions();
        o.backend = backend;
        o.dataset = dataset;
        o.dataDir = dataDir;
        o.seed = seed;
        return o;
    }

    public String backend() {
        return backend;
    }

    public String dataset() {
        return dataset;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long seed() {
        return seed;
    }
}

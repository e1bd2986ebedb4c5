package dev.zoo.cli;

import dev.zoo.api.backend.Backend;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.spec.ParameterSpec;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.train.Classifier;
import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.Evaluator;
import dev.zoo.api.train.RunFolder;
import dev.zoo.api.train.RunInfo;
import dev.zoo.api.train.Training;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingOutcome;
import dev.zoo.api.train.TrainingState;
import dev.zoo.spark.SparkBackend;
import dev.zoo.spark.SparkContexts;
import dev.zoo.spark.SparkRunFile;
import dev.zoo.api.weights.SafeTensors;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ZooOptions;
import dev.zoo.onnx.OnnxExport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The zoo as an application: train a zoo model on a dataset into a run folder, resume it, evaluate
 * it on the test split, classify image files with it. The commands are thin shells around this.
 */
public final class ZooApp {

    private final DatasetOpener datasets;
    private final BackendFinder backends;
    private final ModelBuilder models;

    @Inject
    public ZooApp(DatasetOpener datasets, BackendFinder backends, ModelBuilder models) {
        this.datasets = datasets;
        this.backends = backends;
        this.models = models;
    }

    /** Trains a new run into {@code request.out()}. */
    public TrainingOutcome train(TrainRequest request, List<TrainingListener> listeners) {
        return train(request, null, listeners);
    }

    /**
     * Trains a new run into {@code request.out()}, data-parallel on Spark when {@code spark} is not
     * null: the request's batch size is then the batch of one synchronous step over all workers.
     */
    public TrainingOutcome train(TrainRequest request, SparkRequest spark, List<TrainingListener> listeners) {
        Backend backend = backends.find(request.backend());
        OpenedData data = datasets.open(request.data());
        Architecture architecture = request.model().build(models, data.train().itemShape(), data.train().classes());
        backend.check(architecture);
        // a zoo name or the file's architecture name: a label only, the run folder stores the network itself
        String label = request.model().name() != null ? request.model().name() : architecture.name();
        if (spark == null) {
            RunInfo info = new RunInfo(label, backend.id(), request.data().dataset(), request.data().asMap(),
                    data.train().itemShape(), data.train().classNames(), request.config());
            return Training.run(info, architecture, backend, data.train(), data.test(), new RunFolder(request.out()),
                    false, listeners);
        }
        try (JavaSparkContext context = SparkContexts.open(spark.master(), "zoo train " + label)) {
            int workers = spark.workers() > 0 ? spark.workers() : context.defaultParallelism();
            SparkRunFile placement = new SparkRunFile(context.master(), workers, spark.syncEvery(),
                    request.config().batchSize());
            TrainingConfig config = request.config().toBuilder()
                    .batchSize(placement.settings().roundBatch(request.config().batchSize())).build();
            RunInfo info = new RunInfo(label, backend.id(), request.data().dataset(), request.data().asMap(),
                    data.train().itemShape(), data.train().classNames(), config);
            return Training.run(info, architecture, new SparkBackend(backend, context, placement.settings()),
                    data.train(), data.test(), new RunFolder(request.out()), false,
                    onSpark(placement, request.out(), listeners));
        }
    }

    /** The listeners of a Spark run: spark.json is written once the run folder exists, the rest are told where. */
    private static List<TrainingListener> onSpark(SparkRunFile placement, Path folder, List<TrainingListener> listeners) {
        String where = String.format(Locale.ROOT, "on Spark %s, %d workers x batch %s, averaged every %s",
                placement.master(), placement.workers(),
                placement.stepBatch() % placement.workers() == 0 ? placement.stepBatch() / placement.workers()
                        : "~" + placement.stepBatch() / placement.workers(),
                placement.syncEvery() == 1 ? "step" : placement.syncEvery() + " steps (one round)");
        List<TrainingListener> out = new ArrayList<>();
        out.add(new TrainingListener() {
            @Override
            public void onStart(TrainingConfig config, TrainingState state, long totalSteps) {
                placement.write(folder);
            }
        });
        for (TrainingListener l : listeners) {
            if (l instanceof ProgressBar bar) {
                bar.placement(where);
            }
            out.add(l);
        }
        return out;
    }

    /**
     * Continues the run in {@code runDir} from its last checkpoint with the configuration it
     * recorded, until its end or until step {@code maxSteps} (0: no limit; a limit set for an
     * earlier part of the run does not carry over).
     */
    public TrainingOutcome resume(Path runDir, long maxSteps, List<TrainingListener> listeners) {
        return resume(runDir, maxSteps, null, listeners);
    }

    /**
     * Continues the run in {@code runDir} as {@link #resume(Path, long, List)} does; a run trained on
     * Spark (its {@code spark.json}) continues on Spark with the same workers and rounds, on the
     * recorded master or {@code master} when given.
     */
    public TrainingOutcome resume(Path runDir, long maxSteps, String master, List<TrainingListener> listeners) {
        RunFolder folder = new RunFolder(runDir);
        RunInfo recorded = folder.readInfo();
        RunInfo info = new RunInfo(recorded.model(), recorded.backend(), recorded.dataset(), recorded.dataSettings(),
                recorded.input(), recorded.classNames(), recorded.config().toBuilder().maxSteps(maxSteps).build());
        Backend backend = backends.find(info.backend());
        OpenedData data = datasets.open(DataSettings.of(info.dataset(), info.dataSettings()));
        SparkRunFile spark = SparkRunFile.read(runDir);
        if (spark == null) {
            if (master != null) {
                throw new IllegalArgumentException("--spark " + master + ": run " + runDir + " was trained in one process"
                        + " (no " + SparkRunFile.NAME + "); resume it without --spark");
            }
            return Training.run(info, architecture(folder, info), backend, data.train(), data.test(), folder, true, listeners);
        }
        SparkRunFile placement = master == null ? spark
                : new SparkRunFile(master, spark.workers(), spark.syncEvery(), spark.stepBatch());
        try (JavaSparkContext context = SparkContexts.open(placement.master(), "zoo train --resume " + runDir)) {
            return Training.run(info, architecture(folder, info), new SparkBackend(backend, context, placement.settings()),
                    data.train(), data.test(), folder, true, onSpark(placement, runDir, listeners));
        }
    }

    /**
     * Loss, top-1 and top-5 of a run's weights (or {@code weights}, when given) on the test split,
     * on the run's backend or {@code backendId} when given.
     */
    public Evaluation evaluate(Path runDir, Path weights, String backendId) {
        RunInfo info = new RunFolder(runDir).readInfo();
        OpenedData data = datasets.open(settingsForEvaluation(info));
        try (Network n = load(runDir, info, weights, backendId)) {
            return Evaluator.evaluate(n, data.test(), info.config().batchSize());
        }
    }

    /**
     * The {@code k} most probable classes of each image file, in the order given; a file that is
     * missing or not a readable image gets its error instead, and the others are still classified.
     */
    public List<ImagePrediction> predict(Path runDir, List<Path> images, Path weights, String backendId, int k) {
        RunInfo info = new RunFolder(runDir).readInfo();
        OpenedData data = datasets.open(settingsForEvaluation(info));
        return classify(load(runDir, info, weights, backendId), info.classNames(), images, data.images()::prepare, k);
    }

    /**
     * The top {@code k} classes of each image, prepared by {@code prepare}; an image it refuses is a
     * failed prediction naming why. Closes {@code network}.
     */
    private static List<ImagePrediction> classify(Network network, List<String> classNames, List<Path> images,
            Function<Path, float[]> prepare, int k) {
        List<ImagePrediction> out = new ArrayList<>();
        try (Classifier c = new Classifier(network, classNames)) {
            for (Path image : images) {
                float[] x;
                try {
                    x = prepare.apply(image);
                } catch (IllegalArgumentException e) {
                    out.add(ImagePrediction.failed(image, e.getMessage()));
                    continue;
                }
                out.add(ImagePrediction.of(image, c.classify(x, k)));
            }
        }
        return out;
    }

    /** torchvision's ImageNet normalisation, per RGB channel. */
    private static final double[] IMAGENET_MEAN = {0.485, 0.456, 0.406};
    private static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    /**
     * The top {@code k} classes of each image from {@code weights} for the zoo {@code model} at
     * 3x224x224 without a run folder: ImageNet weights from {@code zoo import torch}, prepared as
     * torchvision evaluates ImageNet (shorter side to 256, centre 224 crop, ImageNet mean and
     * standard deviation). The number of classes comes from the weights; their names from
     * {@code labels} (one per line) when given, else {@code class N}.
     */
    public List<ImagePrediction> predictImageNet(String model, Path weights, List<Path> images, String backendId, int k,
            Path labels) {
        if (weights == null) {
            throw new IllegalArgumentException("--model " + model + " needs --weights FILE.safetensors (from zoo import"
                    + " torch, for example)");
        }
        Weights w = readWeights(null, weights);
        Shape input = Shape.chw(3, 224, 224);
        Architecture probe = models.build(model, ZooOptions.of(input, 1000));
        ParameterSpec last = probe.parameters().get(probe.parameters().size() - 1);
        int classes = w.names().contains(last.name()) ? w.get(last.name()).shape().get(0) : 1000;
        Architecture architecture = classes == 1000 ? probe : models.build(model, ZooOptions.of(input, classes));
        List<String> names = classNames(labels, classes);
        Backend backend = backends.find(backendId != null ? backendId : "djl-pytorch");
        Network network = backend.compile(architecture, NetworkOptions.defaults());
        try {
            network.importWeights(w);
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return classify(network, names, images, ZooApp::imageNetInput, k);
    }

    /** torchvision's ImageNet evaluation input: shorter side 256, centre 224 crop, ImageNet mean and std. */
    private static float[] imageNetInput(Path image) {
        byte[] rgb = ImageFiles.centerCrop(image, 256, 224);
        float[] x = new float[rgb.length];
        int plane = 224 * 224;
        for (int i = 0; i < x.length; i++) {
            int ch = i / plane;
            x[i] = (float) (((rgb[i] & 0xff) / 255.0 - IMAGENET_MEAN[ch]) / IMAGENET_STD[ch]);
        }
        return x;
    }

    private static List<String> classNames(Path labels, int classes) {
        List<String> names = new ArrayList<>();
        if (labels == null) {
            for (int c = 0; c < classes; c++) {
                names.add("class " + c);
            }
            return names;
        }
        try {
            for (String line : Files.readAllLines(labels)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--labels " + labels + ": cannot read: " + e.getMessage(), e);
        }
        if (names.size() != classes) {
            throw new IllegalArgumentException("--labels " + labels + ": the weights have " + classes
                    + " classes, the file names " + names.size() + " (one name per non-blank line)");
        }
        return names;
    }

    private static DataSettings settingsForEvaluation(RunInfo info) {
        DataSettings s = DataSettings.of(info.dataset(), info.dataSettings());
        return new DataSettings(s.dataset(), s.dataDir(), s.limit(), s.seed(), false, s.padTo());
    }

    private static Weights readWeights(Path runDir, Path weights) {
        Path file = weights != null ? weights : new RunFolder(runDir).weights();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("weights " + file + ": no such file"
                    + (weights == null ? " (the run has not finished; resume it or pass --weights)" : ""));
        }
        try {
            return SafeTensors.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("weights " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Network load(Path runDir, RunInfo info, Path weights, String backendId) {
        Weights w = readWeights(runDir, weights);
        Backend backend = backends.find(backendId != null ? backendId : info.backend());
        Network n = backend.compile(architecture(new RunFolder(runDir), info), info.config().networkOptions());
        try {
            n.importWeights(w);
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
        return n;
    }

    /**
     * Writes the run's network with its weights (or {@code weights}, when given) as an ONNX model
     * to {@code out}; returns the architecture written. Nothing is left at {@code out} on failure.
     */
    public Architecture exportOnnx(Path runDir, Path weights, Path out) throws IOException {
        RunFolder folder = new RunFolder(runDir);
        Architecture architecture = architecture(folder, folder.readInfo());
        OnnxExport.write(architecture, readWeights(runDir, weights), out);
        return architecture;
    }

    /**
     * The network the run trained: its stored {@code architecture.json}; a folder written before
     * runs stored one names a zoo model in {@code run.json}, rebuilt for the recorded input and classes.
     */
    private Architecture architecture(RunFolder folder, RunInfo info) {
        return folder.storedArchitecture().orElseGet(() -> models.build(info.model(),
                ZooOptions.of(info.input(), info.classNames().size())));
    }
}

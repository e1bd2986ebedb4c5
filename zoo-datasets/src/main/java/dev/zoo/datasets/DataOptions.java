package dev.zoo.datasets;

import dev.zoo.datasets.format.Cifar100Labels;
import java.net.URI;
import java.nio.file.Path;

/**
 * How to find, select and prepare a dataset; immutable, each setter returns a changed copy:
 * {@code DataOptions.defaults().seed(42).augment(true)}.
 */
public final class DataOptions {

    /** Environment variable naming a data directory searched after {@link #dataDir(Path)}. */
    public static final String ENV_DATA_DIR = "ZOO_DATA";
    /** Where Debian's dataset packages install ({@code apt-get install dataset-fashion-mnist}). */
    public static final Path SYSTEM_DATA_DIR = Path.of("/usr/share/datasets");

    private Path dataDir;
    private Path envDataDir;
    private Path cacheDir;
    private Path systemDataDir;
    private URI mirror;
    private long seed;
    private boolean augment;
    private int padTo;
    private int limit;
    private int perClass;
    private Cifar100Labels cifar100Labels = Cifar100Labels.FINE;
    private boolean normalize = true;
    private Normalization normalization = Normalization.PUBLISHED;
    private double validationFraction;
    private boolean download = true;
    private int prefetch = 2;
    private int imageSize = 32;

    private DataOptions() {
    }

    /**
     * Seed 0, no augmentation, no padding, all examples, fine CIFAR-100 labels, published
     * normalisation, no validation split, download allowed, 2 batches prefetched, folders at 32x32;
     * searching {@code $ZOO_DATA}, {@code ~/.zoo/datasets} and {@code /usr/share/datasets}.
     */
    public static DataOptions defaults() {
        DataOptions o = new DataOptions();
        String env = System.getenv(ENV_DATA_DIR);
        o.envDataDir = env == null || env.isBlank() ? null : Path.of(env);
        o.cacheDir = defaultCacheDir(System.getenv("HOME"), System.getProperty("user.home"));
        o.systemDataDir = SYSTEM_DATA_DIR;
        return o;
    }

    /**
     * {@code ~/.zoo/datasets}, where {@code ~} is {@code $HOME} as the shell sees it, or Java's
     * {@code user.home} (the password database's home) when HOME is unset: the two differ when a
     * user points HOME elsewhere, and then the cache, and the error telling where to put files,
     * must follow HOME.
     */
    static Path defaultCacheDir(String homeVariable, String userHome) {
        String home = homeVariable == null || homeVariable.isBlank() ? userHome : homeVariable;
        return Path.of(home, ".zoo", "datasets");
    }

    private DataOptions copy() {
        DataOptions o = new DataOptions();
        o.dataDir = dataDir;
        o.envDataDir = envDataDir;
        o.cacheDir = cacheDir;
        o.systemDataDir = systemDataDir;
        o.mirror = mirror;
        o.seed = seed;
        o.augment = augment;
        o.padTo = padTo;
        o.limit = limit;
        o.perClass = perClass;
        o.cifar100Labels = cifar100Labels;
        o.normalize = normalize;
        o.normalization = normalization;
        o.validationFraction = validationFraction;
        o.download = download;
        o.prefetch = prefetch;
        o.imageSize = imageSize;
        return o;
    }

    /** A directory searched first (the user's {@code --data-dir}); null for none. */
    public DataOptions dataDir(Path dir) {
        DataOptions o = copy();
        o.dataDir = dir;
        return o;
    }

    /** The directory {@code ZOO_DATA} names (set from the environment by {@link #defaults()}); null for none. */
    public DataOptions envDataDir(Path dir) {
        DataOptions o = copy();
        o.envDataDir = dir;
        return o;
    }

    /** The zoo cache, where downloads go ({@code ~/.zoo/datasets} by default). */
    public DataOptions cacheDir(Path dir) {
        DataOptions o = copy();
        o.cacheDir = requireNonNull(dir, "cache dir");
        return o;
    }

    /** The system dataset directory ({@code /usr/share/datasets}); null to skip it. */
    public DataOptions systemDataDir(Path dir) {
        DataOptions o = copy();
        o.systemDataDir = dir;
        return o;
    }

    /** A base URI to download every file from instead of the published URLs (a local mirror); null for none. */
    public DataOptions mirror(URI base) {
        DataOptions o = copy();
        o.mirror = base;
        return o;
    }

    /** Seed of shuffling, augmentation and the validation split. */
    public DataOptions seed(long seed) {
        DataOptions o = copy();
        o.seed = seed;
        return o;
    }

    /** Random crop with 4-pixel zero padding and horizontal flip on the training split. */
    public DataOptions augment(boolean augment) {
        DataOptions o = copy();
        o.augment = augment;
        return o;
    }

    /** Zero-pad images to {@code size x size} (28 -> 32); 0 keeps the stored size. */
    public DataOptions padTo(int size) {
        DataOptions o = copy();
        o.padTo = requireAtLeast(size, 0, "padTo");
        return o;
    }

    /** Keep only the first N examples of each split; 0 keeps all. */
    public DataOptions limit(int n) {
        DataOptions o = copy();
        o.limit = requireAtLeast(n, 0, "limit");
        return o;
    }

    /** Keep only the first N examples of each class in each split; 0 keeps all. */
    public DataOptions perClass(int n) {
        DataOptions o = copy();
        o.perClass = requireAtLeast(n, 0, "perClass");
        return o;
    }

    /** Which CIFAR-100 label to train on. */
    public DataOptions cifar100Labels(Cifar100Labels labels) {
        DataOptions o = copy();
        o.cifar100Labels = requireNonNull(labels, "cifar100Labels");
        return o;
    }

    /** Normalise each channel to {@code (x - mean) / std}; false leaves values {@code x / 255} in 0..1. */
    public DataOptions normalize(boolean normalize) {
        DataOptions o = copy();
        o.normalize = normalize;
        return o;
    }

    /** Published or computed mean and std. */
    public DataOptions normalization(Normalization source) {
        DataOptions o = copy();
        o.normalization = requireNonNull(source, "normalization");
        return o;
    }

    /** Share of the training examples held out (seeded) as the validation split, in [0, 1). */
    public DataOptions validationFraction(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("data options: validationFraction must lie in [0, 1), got " + fraction);
        }
        DataOptions o = copy();
        o.validationFraction = fraction;
        return o;
    }

    /** Whether a dataset found nowhere may be downloaded into the cache. */
    public DataOptions download(boolean download) {
        DataOptions o = copy();
        o.download = download;
        return o;
    }

    /** Batches built ahead on a background thread; 0 builds each on the caller's thread. */
    public DataOptions prefetch(int batches) {
        DataOptions o = copy();
        o.prefetch = requireAtLeast(batches, 0, "prefetch");
        return o;
    }

    /** Height and width image-folder images are resized to. */
    public DataOptions imageSize(int size) {
        DataOptions o = copy();
        o.imageSize = requireAtLeast(size, 1, "imageSize");
        return o;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path envDataDir() {
        return envDataDir;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Path systemDataDir() {
        return systemDataDir;
    }

    public URI mirror() {
        return mirror;
    }

    public long seed() {
        return seed;
    }

    public boolean augment() {
        return augment;
    }

    public int padTo() {
        return padTo;
    }

    public int limit() {
        return limit;
    }

    public int perClass() {
        return perClass;
    }

    public Cifar100Labels cifar100Labels() {
        return cifar100Labels;
    }

    public boolean normalize() {
        return normalize;
    }

    public Normalization normalization() {
        return normalization;
    }

    public double validationFraction() {
        return validationFraction;
    }

    public boolean download() {
        return download;
    }

    public int prefetch() {
        return prefetch;
    }

    public int imageSize() {
        return imageSize;
    }

    /** The choices that change what is served, for run reports. */
    @Override
    public String toString() {
        return "seed " + seed + ", augment " + augment + ", padTo " + padTo + ", limit " + limit + ", perClass " + perClass
                + ", cifar100Labels " + cifar100Labels + ", normalize " + (normalize ? normalization : "off")
                + ", validationFraction " + validationFraction + ", prefetch " + prefetch + ", imageSize " + imageSize;
    }

    private static int requireAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new IllegalArgumentException("data options: " + name + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("data options: " + name + " must not be null");
        }
        return value;
    }
}

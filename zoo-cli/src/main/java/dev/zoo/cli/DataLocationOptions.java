package dev.zoo.cli;

import dev.zoo.datasets.DataOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options saying where datasets live, shared by {@code zoo datasets} and its subcommands. */
final class DataLocationOptions {

    @Option(names = "--data-dir", description = "A directory searched first (before $ZOO_DATA, the cache, /usr/share/datasets).")
    Path dataDir;

    @Option(names = "--cache-dir", description = "The zoo cache, where downloads go (default ~/.zoo/datasets).")
    Path cacheDir;

    /** Default data options with these locations; {@code outer} fills what this one leaves unset. */
    DataOptions apply(DataLocationOptions outer) {
        Path data = dataDir != null ? dataDir : outer == null ? null : outer.dataDir;
        Path cache = cacheDir != null ? cacheDir : outer == null ? null : outer.cacheDir;
        DataOptions o = DataOptions.defaults().dataDir(data);
        return cache == null ? o : o.cacheDir(cache);
    }
}

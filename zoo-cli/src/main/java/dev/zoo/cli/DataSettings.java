package dev.zoo.cli;

import dev.zoo.datasets.DataOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run's data were chosen and prepared, as {@code zoo train} takes it and {@code run.json}
 * records it, so {@code zoo eval} and {@code zoo predict} prepare data the same way.
 *
 * @param dataset name ({@code fashion-mnist}, {@code cifar10}, {@code cifar100}, {@code folder:PATH})
 * @param dataDir where to look first, or null for the default search
 * @param limit   use at most this many examples of each split (0: all)
 * @param seed    seed of the data order and augmentation
 * @param augment random crop and flip on the training split
 * @param padTo   zero-pad images to this size (0: keep)
 */
public record DataSettings(String dataset, Path dataDir, int limit, long seed, boolean augment, int padTo) {

    public DataOptions options() {
        return DataOptions.defaults().dataDir(dataDir).seed(seed).augment(augment).padTo(padTo).limit(limit)
                .normalize(true).download(true);
    }

    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (dataDir != null) {
            m.put("dataDir", dataDir.toString());
        }
        m.put("limit", Integer.toString(limit));
        m.put("seed", Long.toString(seed));
        m.put("augment", Boolean.toString(augment));
        m.put("padTo", Integer.toString(padTo));
        return m;
    }

    /** The settings a run recorded with {@link #asMap()}. */
    public static DataSettings of(String dataset, Map<String, String> m) {
        return new DataSettings(dataset, m.containsKey("dataDir") ? Path.of(m.get("dataDir")) : null,
                Integer.parseInt(m.getOrDefault("limit", "0")), Long.parseLong(m.getOrDefault("seed", "0")),
                Boolean.parseBoolean(m.getOrDefault("augment", "false")), Integer.parseInt(m.getOrDefault("padTo", "0")));
    }

    public DataSettings withDataDir(Path dir) {
        return new DataSettings(dataset, dir, limit, seed, augment, padTo);
    }
}

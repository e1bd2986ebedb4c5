package dev.zoo.datasets.catalog;

import dev.zoo.datasets.pipeline.ChannelStats;
import java.util.Optional;

/** What every published dataset has: a name, a one-line description, a download and published statistics. */
abstract class PublishedDataset implements DatasetKind {

    private final String name;
    private final String description;
    private final Download download;
    private final ChannelStats stats;

    PublishedDataset(String name, String description, Download download, ChannelStats stats) {
        this.name = name;
        this.description = description;
        this.download = download;
        this.stats = stats;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Optional<Download> download() {
        return Optional.of(download);
    }

    @Override
    public final Optional<ChannelStats> publishedStats() {
        return Optional.of(stats);
    }

    @Override
    public String toString() {
        return name;
    }
}

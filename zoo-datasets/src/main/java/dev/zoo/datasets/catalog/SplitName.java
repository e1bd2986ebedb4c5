package dev.zoo.datasets.catalog;

/** The two splits every dataset publishes. */
public enum SplitName {
    TRAIN, TEST;

    public String lower() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.zoo.datasets.fetch;

/** Told how a download advances, so a caller can draw a progress bar or log it. */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores all progress. */
    ProgressListener NONE = (file, done, total) -> { };

    /**
     * @param file  the file being transferred
     * @param done  bytes transferred so far
     * @param total bytes expected, or -1 when the server does not say
     */
    void onProgress(String file, long done, long total);

    /** Called once a file is complete (or failed); a bar may close here. */
    default void onFileDone(String file) {
    }
}

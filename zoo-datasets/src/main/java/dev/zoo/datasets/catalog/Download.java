package dev.zoo.datasets.catalog;

import java.util.List;

/**
 * How a dataset is published: the files to fetch, and, for a {@code .tar.gz} archive, the folder
 * inside it whose files make up the dataset (null when the fetched files are the dataset).
 */
public record Download(List<RemoteFile> files, String archiveFolder) {

    public Download {
        files = List.copyOf(files);
    }

    public boolean isArchive() {
        return archiveFolder != null;
    }
}

package dev.zoo.datasets.catalog;

import java.net.URI;
import java.util.List;

/** A file published on the web: its name, the URLs to try in order, and its published MD5. */
public record RemoteFile(String fileName, List<URI> urls, String md5) {

    public RemoteFile {
        urls = List.copyOf(urls);
        if (!md5.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("remote file " + fileName + ": md5 must be 32 lower-case hex digits, got " + md5);
        }
    }

    /** The same file served from {@code base} (a local mirror or a test server) instead. */
    public RemoteFile at(URI base) {
        String b = base.toString().endsWith("/") ? base.toString() : base + "/";
        return new RemoteFile(fileName, List.of(URI.create(b + fileName)), md5);
    }
}

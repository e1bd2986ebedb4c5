package dev.zoo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, read from {@code /proc/self/status} as Linux counts it: now
 * (VmRSS) and at its peak so far (VmHWM, the high-water mark, native allocations included).
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Resident memory now, in megabytes (MiB). */
    public static double megabytes() {
        return field("VmRSS:");
    }

    /** The most resident memory this process has held so far, in megabytes (MiB). */
    public static double peakMegabytes() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("/proc/self/status has no " + name + " line");
    }
}

package dev.zoo.cli;

import dev.zoo.datasets.DatasetStatus;
import dev.zoo.datasets.Datasets;
import dev.zoo.datasets.error.DatasetException;
import dev.zoo.datasets.fetch.ConsoleProgress;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zoo datasets}: the known datasets with where each was found (or why not), size and
 * classes; {@code zoo datasets fetch NAME} downloads one into the cache and verifies it.
 */
@Command(name = "datasets", mixinStandardHelpOptions = true, subcommands = DatasetsCommand.Fetch.class,
        description = "List the known datasets: where each was found (or why not), its size and classes.")
final class DatasetsCommand implements Callable<Integer> {

    /** Exit code when a dataset is missing, corrupt or cannot be downloaded. */
    static final int DATA_ERROR = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataLocationOptions locations;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-14s %-8s %6s %6s %7s %9s  %s%n";
        out.printf(format, "NAME", "SHAPE", "TRAIN", "TEST", "CLASSES", "SIZE", "WHERE");
        for (DatasetStatus s : Datasets.known(locations.apply(null))) {
            out.printf(format, s.name(), s.itemShape(), s.trainCount(), s.testCount(), s.classNames().size(),
                    s.found() ? megabytes(s.sizeBytes()) : "-",
                    s.found() ? s.location() + " (" + s.source() + ")" : "not found: zoo datasets fetch " + s.name());
            out.println("    classes: " + abbreviate(String.join(", ", s.classNames()), 90));
            if (!s.found()) {
                out.println("    looked in:");
                s.notFound().lines().forEach(l -> out.println("    " + l));
            }
        }
        out.flush();
        return 0;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 4) + " ...";
    }

    /** {@code zoo datasets fetch NAME}: find or download a dataset, verify it, say where it is. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a dataset into the cache (MD5 verified, moved in atomically) unless it is already"
                    + " on disk, then read it in full to check it.")
    static final class Fetch implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        private DatasetsCommand parent;

        @Parameters(paramLabel = "NAME", description = "fashion-mnist, mnist, cifar10 or cifar100.")
        private String name;

        @Mixin
        private DataLocationOptions locations;

        @Option(names = "--mirror", description = "Fetch the files from this base URL instead of the published ones.")
        private URI mirror;

        @Override
        public Integer call() {
            try {
                Path dir = Datasets.fetch(name, locations.apply(parent.locations).mirror(mirror), new ConsoleProgress());
                spec.commandLine().getOut().println(name + ": verified, in " + dir);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (DatasetException e) {
                spec.commandLine().getErr().println("zoo datasets fetch: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return DATA_ERROR;
            }
        }
    }
}

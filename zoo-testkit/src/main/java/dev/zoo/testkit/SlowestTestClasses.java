package dev.zoo.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Prints the slowest test classes of a whole build from the Surefire reports of every module, so
 * that a suite creeping towards its time budget shows at the end of each {@code ./mvnw verify}.
 * Run as the build's last step: {@code SlowestTestClasses ROOT [COUNT [SINCE]]}, where SINCE (an
 * ISO-8601 instant, the build's start) leaves out reports that an earlier build left behind.
 */
public final class SlowestTestClasses {

    /** One test class as Surefire reported it. */
    public record Timing(String module, String testClass, int tests, double seconds) {
    }

    private SlowestTestClasses() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("usage: SlowestTestClasses ROOT [COUNT [SINCE]], got " + List.of(args));
        }
        int count = args.length >= 2 ? Integer.parseInt(args[1]) : 10;
        Instant since = args.length == 3 ? Instant.parse(args[2]) : Instant.EPOCH;
        print(read(Path.of(args[0]), since), count, System.out);
    }

    /** Every {@code TEST-*.xml} under {@code <root>/<module>/target/surefire-reports}, slowest first. */
    public static List<Timing> read(Path root) throws IOException {
        return read(root, Instant.EPOCH);
    }

    /** The reports written at or after {@code since} (whole seconds), slowest first. */
    public static List<Timing> read(Path root, Instant since) throws IOException {
        Instant from = since.truncatedTo(ChronoUnit.SECONDS);
        List<Timing> timings = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path reports = module.resolve("target").resolve("surefire-reports");
                if (!Files.isDirectory(reports)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(reports)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(from)) {
                            continue;
                        }
                        timings.add(timing(module.getFileName().toString(), file));
                    }
                }
            }
        }
        timings.sort(Comparator.comparingDouble(Timing::seconds).reversed());
        return timings;
    }

    private static Timing timing(String module, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors instead of printing them
            Element suite = builder.parse(in).getDocumentElement();
            String name = suite.getAttribute("name");
            String time = suite.getAttribute("time").replace(",", "");
            if (name.isEmpty() || time.isEmpty()) {
                throw new IOException(file + ": a Surefire report needs a testsuite with name and time, got name '"
                        + name + "' and time '" + time + "'");
            }
            return new Timing(module, name, Integer.parseInt(suite.getAttribute("tests")), Double.parseDouble(time));
        } catch (ParserConfigurationException | SAXException | NumberFormatException e) {
            throw new IOException(file + ": not a readable Surefire report: " + e.getMessage(), e);
        }
    }

    /** The {@code count} slowest classes and the total, one line each. */
    public static void print(List<Timing> timings, int count, PrintStream out) {
        double total = timings.stream().mapToDouble(Timing::seconds).sum();
        String models = ZooSample.names().equals(ZooSample.REPRESENTATIVE)
                ? "zoo sweeps on the sample of " + ZooSample.REPRESENTATIVE.size() + " models; -Pfull runs all"
                : "zoo sweeps on " + ZooSample.names().size() + " models";
        out.printf(Locale.ROOT, "Slowest test classes (of %d, %.0f s in all; %s):%n", timings.size(), total, models);
        for (Timing t : timings.subList(0, Math.min(count, timings.size()))) {
            out.printf(Locale.ROOT, "%8.1f s  %5.1f%%  %-13s %s (%d tests)%n", t.seconds(),
                    total == 0 ? 0 : 100 * t.seconds() / total, t.module(), t.testClass(), t.tests());
        }
    }
}

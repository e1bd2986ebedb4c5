package dev.zoo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * How much the engines say on stderr. By default ({@code simplelogger.properties}) they speak only
 * on errors; {@code --verbose} shows every logger from info up, libtorch's own C++ messages
 * included (they follow DJL's PyTorch logger).
 */
final class EngineLogs {

    /** The slf4j-simple configuration on the class path. */
    static final String CONFIGURATION = "/simplelogger.properties";
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private EngineLogs() {
    }

    /**
     * Raises every logger named in the configuration, and the default, to info. System properties
     * override slf4j-simple's file, but only until the first logger is made: call it before any
     * engine loads.
     */
    static void verbose() {
        Properties configured = new Properties();
        try (InputStream in = EngineLogs.class.getResourceAsStream(CONFIGURATION)) {
            if (in != null) {
                configured.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONFIGURATION + ": " + e.getMessage(), e);
        }
        System.setProperty(PREFIX + "defaultLogLevel", "info");
        for (String name : configured.stringPropertyNames()) {
            if (name.startsWith(PREFIX + "log.")) {
                System.setProperty(name, "info");
            }
        }
    }
}

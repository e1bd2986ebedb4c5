package dev.zoo.djl;

import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * libtorch's own log threshold, made to follow the SLF4J level of DJL's PyTorch logger.
 *
 * <p>libtorch writes its warnings straight to the C stderr, where no Java logger can filter them:
 * "Could not initialize NNPACK! Reason: Unsupported hardware." on every convolution that asks for
 * NNPACK on a CPU without it (PyTorch then uses its other kernels, so there is nothing to act on),
 * and "AutoNonVariableTypeMode is deprecated" once per process from DJL's own JNI code. Their
 * threshold is c10's exported {@code int FLAGS_caffe2_log_level} (0 INFO, 1 WARNING, 2 ERROR,
 * 3 FATAL). PyTorch's documented switch, the {@code TORCH_CPP_LOG_LEVEL} environment variable, is
 * read by {@code c10::initLogging}, which Python calls and DJL never does; so it is applied here,
 * and without it the level follows the logger {@value #LOGGER}: errors only unless that logger
 * shows warnings. Errors are never hidden.
 */
final class LibTorchLogLevel {

    /** PyTorch's environment variable for its C++ log level. */
    static final String ENV = "TORCH_CPP_LOG_LEVEL";
    /** The SLF4J logger whose level libtorch's messages follow. */
    static final String LOGGER = "ai.djl.pytorch";

    static final int INFO = 0;
    static final int WARNING = 1;
    static final int ERROR = 2;
    static final int FATAL = 3;

    private static final String FLAG = "FLAGS_caffe2_log_level";
    private static final Logger LOG = LoggerFactory.getLogger(LibTorchLogLevel.class);
    private static boolean applied;

    private LibTorchLogLevel() {
    }

    /**
     * Sets libtorch's threshold once per process, after the PyTorch engine has loaded its native
     * libraries; where they cannot be found (not Linux, another libtorch build) it says so at debug
     * level and leaves libtorch's default.
     */
    static synchronized void applyOnce() {
        if (applied) {
            return;
        }
        applied = true;
        int level = chosen(System.getenv(ENV), LoggerFactory.getLogger(LOGGER)::isEnabledForLevel);
        Optional<Path> c10 = LoadedLibraries.named("libc10.so");
        if (c10.isEmpty()) {
            LOG.debug("libc10 is not among the loaded libraries; libtorch keeps its own log level");
            return;
        }
        try {
            NativeLibrary.getInstance(c10.get().toString()).getGlobalVariableAddress(FLAG).setInt(0, level);
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("{} has no {}; libtorch keeps its own log level", c10.get(), FLAG, e);
        }
    }

    /** The threshold now in effect in the loaded libtorch, if it can be read. */
    static Optional<Integer> current() {
        return LoadedLibraries.named("libc10.so").map(p -> NativeLibrary.getInstance(p.toString())
                .getGlobalVariableAddress(FLAG).getInt(0));
    }

    /**
     * The threshold for an environment value ({@code INFO}, {@code WARNING}, {@code ERROR},
     * {@code FATAL} or 0-3, as PyTorch reads it; null or blank when unset) and the levels the
     * logger shows.
     */
    static int chosen(String env, Predicate<Level> shows) {
        if (env != null && !env.isBlank()) {
            return switch (env.trim().toUpperCase(Locale.ROOT)) {
                case "INFO", "0" -> INFO;
                case "WARNING", "1" -> WARNING;
                case "ERROR", "2" -> ERROR;
                case "FATAL", "3" -> FATAL;
                default -> throw new IllegalArgumentException(ENV + " must be INFO, WARNING, ERROR, FATAL or 0-3, got '"
                        + env + "'");
            };
        }
        if (shows.test(Level.INFO)) {
            return INFO;
        }
        return shows.test(Level.WARN) ? WARNING : ERROR;
    }
}

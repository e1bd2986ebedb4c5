package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.NOPLogger;

/** libtorch's C++ messages follow PyTorch's environment variable, else DJL's logger level. */
class LibTorchLogLevelTest {

    @Test
    void theEnvironmentVariableWinsInEitherSpelling() {
        Logger verbose = logger(Level.DEBUG);

        assertThat(LibTorchLogLevel.chosen("warning", verbose)).isEqualTo(LibTorchLogLevel.WARNING);
        assertThat(LibTorchLogLevel.chosen(" ERROR ", verbose)).isEqualTo(LibTorchLogLevel.ERROR);
        assertThat(LibTorchLogLevel.chosen("0", NOPLogger.NOP_LOGGER)).isEqualTo(LibTorchLogLevel.INFO);
        assertThat(LibTorchLogLevel.chosen("3", verbose)).isEqualTo(LibTorchLogLevel.FATAL);
    }

    @Test
    void withoutItTheLoggerDecides() {
        assertThat(LibTorchLogLevel.chosen(null, logger(Level.INFO))).isEqualTo(LibTorchLogLevel.INFO);
        assertThat(LibTorchLogLevel.chosen("", logger(Level.WARN))).isEqualTo(LibTorchLogLevel.WARNING);
        assertThat(LibTorchLogLevel.chosen(null, logger(Level.ERROR))).isEqualTo(LibTorchLogLevel.ERROR);
        assertThat(LibTorchLogLevel.chosen(null, NOPLogger.NOP_LOGGER)).isEqualTo(LibTorchLogLevel.ERROR);
    }

    @Test
    void anUnknownValueIsNamed() {
        assertThatThrownBy(() -> LibTorchLogLevel.chosen("loud", logger(Level.INFO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TORCH_CPP_LOG_LEVEL must be INFO, WARNING, ERROR, FATAL or 0-3, got 'loud'");
    }

    @Test
    void theLoadedLibtorchGetsTheChosenLevel() {
        DjlPyTorchBackend backend = new DjlPyTorchBackend();
        try (Network n = backend.compile(ModelZoo.build("lesson_cnn", Shape.chw(1, 28, 28), 10),
                NetworkOptions.defaults())) {
            assertThat(n.backendId()).isEqualTo(DjlPyTorchBackend.ID);
        }

        int expected = LibTorchLogLevel.chosen(System.getenv(LibTorchLogLevel.ENV),
                org.slf4j.LoggerFactory.getLogger(LibTorchLogLevel.LOGGER));
        assertThat(LibTorchLogLevel.current()).contains(expected);
    }

    /** A logger that shows {@code threshold} and above. */
    private static Logger logger(Level threshold) {
        return new LegacyAbstractLogger() {
            private boolean shows(Level level) {
                return level.toInt() >= threshold.toInt();
            }

            @Override
            public boolean isTraceEnabled() {
                return shows(Level.TRACE);
            }

            @Override
            public boolean isDebugEnabled() {
                return shows(Level.DEBUG);
            }

            @Override
            public boolean isInfoEnabled() {
                return shows(Level.INFO);
            }

            @Override
            public boolean isWarnEnabled() {
                return shows(Level.WARN);
            }

            @Override
            public boolean isErrorEnabled() {
                return shows(Level.ERROR);
            }

            @Override
            protected String getFullyQualifiedCallerName() {
                return null;
            }

            @Override
            protected void handleNormalizedLoggingCall(Level level, Marker marker, String msg, Object[] args,
                    Throwable t) {
            }
        };
    }
}

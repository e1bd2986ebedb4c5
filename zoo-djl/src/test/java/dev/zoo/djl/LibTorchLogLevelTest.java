package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** libtorch's C++ messages follow PyTorch's environment variable, else DJL's logger level. */
class LibTorchLogLevelTest {

    private static final Predicate<Level> NOTHING = level -> false;

    /** A logger that shows {@code threshold} and above. */
    private static Predicate<Level> from(Level threshold) {
        return level -> level.toInt() >= threshold.toInt();
    }

    @Test
    void theEnvironmentVariableWinsInEitherSpelling() {
        assertThat(LibTorchLogLevel.chosen("warning", from(Level.DEBUG))).isEqualTo(LibTorchLogLevel.WARNING);
        assertThat(LibTorchLogLevel.chosen(" ERROR ", from(Level.DEBUG))).isEqualTo(LibTorchLogLevel.ERROR);
        assertThat(LibTorchLogLevel.chosen("0", NOTHING)).isEqualTo(LibTorchLogLevel.INFO);
        assertThat(LibTorchLogLevel.chosen("3", from(Level.DEBUG))).isEqualTo(LibTorchLogLevel.FATAL);
    }

    @Test
    void withoutItTheLoggerDecides() {
        assertThat(LibTorchLogLevel.chosen(null, from(Level.INFO))).isEqualTo(LibTorchLogLevel.INFO);
        assertThat(LibTorchLogLevel.chosen("", from(Level.WARN))).isEqualTo(LibTorchLogLevel.WARNING);
        assertThat(LibTorchLogLevel.chosen(null, from(Level.ERROR))).isEqualTo(LibTorchLogLevel.ERROR);
        assertThat(LibTorchLogLevel.chosen(null, NOTHING)).isEqualTo(LibTorchLogLevel.ERROR);
    }

    @Test
    void anUnknownValueIsNamed() {
        assertThatThrownBy(() -> LibTorchLogLevel.chosen("loud", from(Level.INFO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TORCH_CPP_LOG_LEVEL must be INFO, WARNING, ERROR, FATAL or 0-3, got 'loud'");
    }

    @Test
    void theLoadedLibtorchGetsTheChosenLevel() {
        try (Network n = new DjlPyTorchBackend().compile(ModelZoo.build("lesson_cnn", Shape.chw(1, 28, 28), 10),
                NetworkOptions.defaults())) {
            assertThat(n.backendId()).isEqualTo(DjlPyTorchBackend.ID);
        }

        int expected = LibTorchLogLevel.chosen(System.getenv(LibTorchLogLevel.ENV),
                LoggerFactory.getLogger(LibTorchLogLevel.LOGGER)::isEnabledForLevel);
        assertThat(LibTorchLogLevel.current()).contains(expected);
    }
}

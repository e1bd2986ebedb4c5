package dev.zoo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Bad choices end in one line that names them, with exit code 1 (2 for an unparsable option). */
class LessonLauncherTest {

    @Test
    void aDepthWithoutAResNetIsNamedOnOneLine() {
        StringWriter err = new StringWriter();

        int code = LessonLauncher.execute(new VanishingGradients(), new PrintWriter(err, true), "--depth", "19");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("VanishingGradients: unknown architecture 'plain19'")
                .contains("plain20", "plain56").doesNotContain("\tat ");
    }

    @Test
    void anUnparsableOptionShowsTheUsage() {
        StringWriter err = new StringWriter();

        int code = LessonLauncher.execute(new LessonCnn(), new PrintWriter(err, true), "--epochs", "three");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--epochs", "three", "Usage: LessonCnn");
    }

    @Test
    void optionsBelowTheirMinimumAreNamed() {
        assertThatThrownBy(() -> LessonLauncher.atLeast("--batch", 0, 1)).hasMessage("--batch must be >= 1, got 0");
    }
}

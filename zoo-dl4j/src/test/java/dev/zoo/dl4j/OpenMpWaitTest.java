package dev.zoo.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenMpWaitTest {

    @Test
    void theSpinCountIsSetOnlyWhereTheEnvironmentChoosesNoWaitPolicy() {
        assertThat(OpenMpWait.valueFor(Map.of("PATH", "/usr/bin"))).isEqualTo("0");
        assertThat(OpenMpWait.valueFor(Map.of("GOMP_SPINCOUNT", "300000"))).isNull();
        assertThat(OpenMpWait.valueFor(Map.of("OMP_WAIT_POLICY", "ACTIVE"))).isNull();
    }

    @Test
    void afterACompileTheProcessEnvironmentHoldsIt() {
        new Dl4jBackend().description();
        String expected = OpenMpWait.valueFor(System.getenv());
        String actual = OpenMpWait.libc().getenv(OpenMpWait.VARIABLE);
        if (expected == null) {
            assertThat(actual).as("a spin count chosen by the environment is kept").isEqualTo(System.getenv(OpenMpWait.VARIABLE));
        } else {
            assertThat(actual).isEqualTo(OpenMpWait.VALUE);
        }
    }
}

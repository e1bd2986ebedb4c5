package dev.zoo.api.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VggConfigTest {

    @Test
    void depthIsConvolutionsPlusThreeDenseLayers() {
        assertThat(VggConfig.A.depth()).isEqualTo(11);
        assertThat(VggConfig.B.depth()).isEqualTo(13);
        assertThat(VggConfig.D.depth()).isEqualTo(16);
        assertThat(VggConfig.E.depth()).isEqualTo(19);
    }

    @Test
    void everyConfigHasFivePools() {
        for (VggConfig c : VggConfig.values()) {
            assertThat(c.items()).filteredOn(VggConfig.POOL::equals).hasSize(5);
        }
    }
}

package dev.zoo.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.format.LabeledImages;
import org.junit.jupiter.api.Test;

class ChannelStatsTest {

    @Test
    void computesMeanAndPopulationStdPerChannel() {
        // two examples of 2x1x2: channel 0 holds 0, 255, 255, 255; channel 1 is constant 51
        byte[] px = {0, (byte) 255, 51, 51, (byte) 255, (byte) 255, 51, 51};
        LabeledImages images = new LabeledImages(px, new int[] {0, 1}, Shape.chw(2, 1, 2));
        ChannelStats s = ChannelStats.compute(images, new int[] {0, 1});
        assertThat(s.mean()[0]).isCloseTo(0.75, within(1e-12));
        assertThat(s.std()[0]).isCloseTo(Math.sqrt(0.75 * 0.25), within(1e-12));
        assertThat(s.mean()[1]).isCloseTo(0.2, within(1e-12));
        assertThat(s.std()[1]).as("a constant channel is centred, not divided by zero").isEqualTo(1.0);

        ChannelStats first = ChannelStats.compute(images, new int[] {0});
        assertThat(first.mean()[0]).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void lookupTableNormalisesEveryByte() {
        ChannelStats s = new ChannelStats(new double[] {0.5}, new double[] {0.25});
        float[][] lut = s.lookupTable();
        assertThat(lut[0][0]).isEqualTo(-2f);
        assertThat(lut[0][255]).isEqualTo(2f);
        assertThat(lut[0][51]).isCloseTo((float) ((0.2 - 0.5) / 0.25), within(1e-6f));
        assertThat(ChannelStats.identity(3).lookupTable()[2][255]).isEqualTo(1f);
    }

    @Test
    void rejectsBadFigures() {
        assertThatThrownBy(() -> new ChannelStats(new double[] {0.5}, new double[] {0})).hasMessageContaining("std");
        assertThatThrownBy(() -> new ChannelStats(new double[] {Double.NaN}, new double[] {1})).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new ChannelStats(new double[] {0.5, 0.5}, new double[] {1}))
                .hasMessageContaining("2 means and 1 stds");
    }
}

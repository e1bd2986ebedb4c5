package dev.zoo.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every runner of a four-engine speed comparison gets a colour of its own in the charts. */
class ChartStyleTest {

    @Test
    void nineRunnersGetNineColours() {
        // four compiled networks, four hand-written ones and Python PyTorch
        assertThat(IntStream.range(0, 9).mapToObj(ChartStyle::colour).distinct().count()).isEqualTo(9);
        assertThat(ChartStyle.colour(-1)).as("any index maps into the palette").isEqualTo(ChartStyle.colour(9));
    }
}

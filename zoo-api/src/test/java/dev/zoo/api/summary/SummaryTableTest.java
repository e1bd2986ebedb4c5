package dev.zoo.api.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    @Test
    void tableListsEveryLayerAndTheTotals() {
        Summary s = Summary.of(ModelZoo.build("resnet20", ZooOptions.defaults()));
        String table = SummaryTable.render(s);
        assertThat(table).startsWith("Model: resnet20\n")
                .contains("Input: 3x32x32   Output: 10   Depth: 20 weight layers")
                .contains("Total params: 269,722\n")
                .contains("Trainable params: 269,722\n")
                .contains("Non-trainable params: 1,376 ")
                .contains("MACs: 40,551,040 (40.55 M)");
        assertThat(table).containsPattern("\\nstem_cifar\\.conv +Conv2d +16x32x32 +432 +442,368\\n");
        assertThat(table).containsPattern("\\nstage2\\.block1 +Add\\(zero-pad\\)\\+ReLU +32x16x16 +0 +0\\n");
        assertThat(table.lines().filter(l -> l.startsWith("stage")).count())
                .isEqualTo(s.layers().stream().filter(r -> r.name().startsWith("stage")).count());
    }

    @Test
    void macsAreScaledToGigaOrMega() {
        assertThat(SummaryTable.scaled(4_089_184_256L)).isEqualTo("4.09 G");
        assertThat(SummaryTable.scaled(40_551_040L)).isEqualTo("40.55 M");
    }
}

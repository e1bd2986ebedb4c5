package dev.zoo.api.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ShortcutOption;
import dev.zoo.api.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void resnet20HasThePapersParameterCountAsItsTotal() {
        Summary s = Summary.of(ModelZoo.build("resnet20", Shape.chw(3, 32, 32), 10));
        assertThat(s.totalParams()).isEqualTo(269_722L);
        assertThat(s.trainableParams()).isEqualTo(269_722L);
        assertThat(s.nonTrainableParams()).isEqualTo(1_376L);
        assertThat(s.macs()).isEqualTo(40_551_040L);
        assertThat(s.depth()).isEqualTo(20);
        assertThat(s.outputShape()).isEqualTo("10");
    }

    @Test
    void rowsAddUpToTheTotals() {
        Summary s = Summary.of(ModelZoo.build("resnet50", ZooOptions.defaults()));
        assertThat(s.layers().stream().mapToLong(SummaryRow::params).sum()).isEqualTo(s.totalParams());
        assertThat(s.layers().stream().mapToLong(SummaryRow::macs).sum()).isEqualTo(s.macs());
    }

    @Test
    void residualAddComesAfterBothBranches() {
        Summary s = Summary.of(ModelZoo.build("resnet20", ZooOptions.defaults().withShortcut(ShortcutOption.B)));
        var names = s.layers().stream().map(SummaryRow::name).toList();
        int add = names.indexOf("stage2.block1");
        assertThat(names.indexOf("stage2.block1.bn2")).isLessThan(add);
        assertThat(names.indexOf("stage2.block1.shortcut.bn")).isEqualTo(add - 1);
        assertThat(s.layers().get(add).type()).isEqualTo("Add(projection)+ReLU");
        assertThat(s.layers().get(add).outputShape()).isEqualTo("32x16x16");
        assertThat(s.layers().get(names.indexOf("stage2.block2")).type()).isEqualTo("Add(identity)+ReLU");
    }

    @Test
    void leafRowsCarryShapeParamsAndMacs() {
        Summary s = Summary.of(ModelZoo.build("lesson_cnn", ZooOptions.defaults()));
        assertThat(s.layers()).containsExactly(
                new SummaryRow("conv1", "Conv2d", "16x30x30", 448, 388_800),
                new SummaryRow("relu1", "ReLU", "16x30x30", 0, 0),
                new SummaryRow("pool1", "MaxPool", "16x15x15", 0, 0),
                new SummaryRow("conv2", "Conv2d", "32x13x13", 4_640, 778_752),
                new SummaryRow("relu2", "ReLU", "32x13x13", 0, 0),
                new SummaryRow("pool2", "MaxPool", "32x6x6", 0, 0),
                new SummaryRow("flatten", "Flatten", "1152", 0, 0),
                new SummaryRow("fc1", "Dense", "256", 295_168, 294_912),
                new SummaryRow("relu3", "ReLU", "256", 0, 0),
                new SummaryRow("fc2", "Dense", "10", 2_570, 2_560));
    }
}

package dev.zoo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.zoo.ModelZoo;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ZooSampleTest {

    @Test
    void theSampleHasEveryTraitOfTheWholeZoo() {
        Set<String> zoo = ZooSample.traits(List.copyOf(ModelZoo.names()));
        Set<String> missing = new TreeSet<>(zoo);
        missing.removeAll(ZooSample.traits(ZooSample.REPRESENTATIVE));
        assertThat(missing).as("traits of zoo models that no model of the sample has: add a model to"
                + " ZooSample.REPRESENTATIVE").isEmpty();
        assertThat(zoo).as("the traits tell the families and the variants apart").contains(
                "family resnet (ImageNet)", "family resnet (CIFAR)", "family plain (ImageNet)", "family plain (CIFAR)",
                "family vgg_bn (ImageNet)", "family alexnet (ImageNet)", "family lesson_cnn (CIFAR)",
                "Residual ZeroPad shortcut", "Residual Projection shortcut", "Residual Identity shortcut",
                "Residual body of 3 convolutions", "Pool MAX overlapping", "Dropout", "BatchNorm");
    }

    @Test
    void everySampledModelIsAZooModelAndTheChaoticCaseIsIn() {
        assertThat(ModelZoo.names()).containsAll(ZooSample.REPRESENTATIVE);
        assertThat(ZooSample.REPRESENTATIVE).doesNotHaveDuplicates().contains("plain101");
    }

    @Test
    void theSettingChoosesSampleAllOrAList() {
        assertThat(ZooSample.names("")).isEqualTo(ZooSample.REPRESENTATIVE);
        assertThat(ZooSample.names("sample")).isEqualTo(ZooSample.REPRESENTATIVE);
        assertThat(ZooSample.names("all")).containsExactlyElementsOf(ModelZoo.names()).hasSize(30);
        assertThat(ZooSample.names(" resnet20, vgg11 ")).containsExactly("resnet20", "vgg11");
        assertThatThrownBy(() -> ZooSample.names("resnet20,resnet21")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zoo.models").hasMessageContaining("'resnet21'");
    }
}

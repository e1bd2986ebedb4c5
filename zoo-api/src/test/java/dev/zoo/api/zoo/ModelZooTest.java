package dev.zoo.api.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.spec.SpecException;
import dev.zoo.api.summary.MultiplyAccumulates;
import dev.zoo.api.summary.WeightLayers;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole zoo against PyTorch. Every row was measured by
 * {@code /usr/bin/python3 zoo-api/src/test/resources/reference/zoo_reference.py} (PyTorch 1.13,
 * torchvision 0.14): ImageNet rows on torchvision's own models, the small forms and CIFAR ResNets
 * on independent PyTorch definitions in that script. {@code gflops} is torchvision's published
 * figure (its model docs), which the MACs must round to.
 */
class ModelZooTest {


    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', value = {
            // name | input | classes | options | params | buffers | macs | depth | gflops
            "alexnet    | 3x224x224 | 1000 |               |    61100840 |      0 |   714188480 |   8 | 0.71 ",
            "vgg11      | 3x224x224 | 1000 |               |   132863336 |      0 |  7609090048 |  11 | 7.61 ",
            "vgg11_bn   | 3x224x224 | 1000 |               |   132868840 |   5504 |  7609090048 |  11 | 7.61 ",
            "vgg13      | 3x224x224 | 1000 |               |   133047848 |      0 | 11308466176 |  13 | 11.31",
            "vgg13_bn   | 3x224x224 | 1000 |               |   133053736 |   5888 | 11308466176 |  13 | 11.31",
            "vgg16      | 3x224x224 | 1000 |               |   138357544 |      0 | 15470264320 |  16 | 15.47",
            "vgg16_bn   | 3x224x224 | 1000 |               |   138365992 |   8448 | 15470264320 |  16 | 15.47",
            "vgg19      | 3x224x224 | 1000 |               |   143667240 |      0 | 19632062464 |  19 | 19.63",
            "vgg19_bn   | 3x224x224 | 1000 |               |   143678248 |  11008 | 19632062464 |  19 | 19.63",
            "resnet18   | 3x224x224 | 1000 |               |    11689512 |   9600 |  1814073344 |  18 | 1.81 ",
            "resnet18   | 3x32x32   |   10 |               |    11173962 |   9600 |   555422720 |  18 |      ",
            "plain18    | 3x224x224 | 1000 |               |    11515688 |   7808 |  1794805760 |  18 |      ",
            "resnet34   | 3x224x224 | 1000 |               |    21797672 |  17024 |  3663761408 |  34 | 3.66 ",
            "resnet34   | 3x32x32   |   10 |               |    21282122 |  17024 |  1159402496 |  34 |      ",
            "plain34    | 3x224x224 | 1000 |               |    21623848 |  15232 |  3644493824 |  34 |      ",
            "resnet50   | 3x224x224 | 1000 |               |    25557032 |  53120 |  4089184256 |  50 | 4.09 ",
            "resnet50   | 3x32x32   |   10 |               |    23520842 |  53120 |  1297829888 |  50 |      ",
            "plain50    | 3x224x224 | 1000 |               |    22780456 |  45440 |  3729522688 |  50 |      ",
            "resnet101  | 3x224x224 | 1000 |               |    44549160 | 105344 |  7801405440 | 101 | 7.80 ",
            "resnet101  | 3x32x32   |   10 |               |    42512970 | 105344 |  2509983744 | 101 |      ",
            "plain101   | 3x224x224 | 1000 |               |    41772584 |  97664 |  7441743872 | 101 |      ",
            "resnet152  | 3x224x224 | 1000 |               |    60192808 | 151424 | 11513626624 | 152 | 11.51",
            "resnet152  | 3x32x32   |   10 |               |    58156618 | 151424 |  3722137600 | 152 |      ",
            "plain152   | 3x224x224 | 1000 |               |    57416232 | 143744 | 11153965056 | 152 |      ",
            "resnet50   | 3x224x224 | 1000 | shortcut=A    |    22780456 |  45440 |  3729522688 |  50 |      ",
            "resnet18   | 3x32x32   |   10 | head=imagenet |    11181642 |   9600 |    37016576 |  18 |      ",
            "resnet20   | 3x32x32   |   10 | shortcut=A    |      269722 |   1376 |    40551040 |  20 |      ",
            "resnet20   | 3x32x32   |   10 | shortcut=B    |      272474 |   1568 |    40813184 |  20 |      ",
            "plain20    | 3x32x32   |   10 |               |      269722 |   1376 |    40551040 |  20 |      ",
            "resnet32   | 3x32x32   |   10 | shortcut=A    |      464154 |   2272 |    68862592 |  32 |      ",
            "resnet32   | 3x32x32   |   10 | shortcut=B    |      466906 |   2464 |    69124736 |  32 |      ",
            "plain32    | 3x32x32   |   10 |               |      464154 |   2272 |    68862592 |  32 |      ",
            "resnet44   | 3x32x32   |   10 | shortcut=A    |      658586 |   3168 |    97174144 |  44 |      ",
            "resnet44   | 3x32x32   |   10 | shortcut=B    |      661338 |   3360 |    97436288 |  44 |      ",
            "plain44    | 3x32x32   |   10 |               |      658586 |   3168 |    97174144 |  44 |      ",
            "resnet56   | 3x32x32   |   10 | shortcut=A    |      853018 |   4064 |   125485696 |  56 |      ",
            "resnet56   | 3x32x32   |   10 | shortcut=B    |      855770 |   4256 |   125747840 |  56 |      ",
            "plain56    | 3x32x32   |   10 |               |      853018 |   4064 |   125485696 |  56 |      ",
            "resnet110  | 3x32x32   |   10 | shortcut=A    |     1727962 |   8096 |   252887680 | 110 |      ",
            "resnet110  | 3x32x32   |   10 | shortcut=B    |     1730714 |   8288 |   253149824 | 110 |      ",
            "plain110   | 3x32x32   |   10 |               |     1727962 |   8096 |   252887680 | 110 |      ",
            "resnet20   | 3x32x32   |  100 | shortcut=A    |      275572 |   1376 |    40556800 |  20 |      ",
            "resnet20   | 1x28x28   |   10 | shortcut=A    |      269434 |   1376 |    30821248 |  20 |      ",
            "alexnet    | 3x32x32   |   10 |               |     4813642 |      0 |   219616256 |   8 |      ",
            "vgg11      | 3x32x32   |   10 |               |     9225610 |      0 |   152769536 |   9 |      ",
            "vgg11_bn   | 3x32x32   |   10 |               |     9231114 |   5504 |   152769536 |   9 |      ",
            "vgg16      | 3x32x32   |   10 |               |    14719818 |      0 |   313201664 |  14 |      ",
            "vgg16_bn   | 3x32x32   |   10 |               |    14728266 |   8448 |   313201664 |  14 |      ",
            "vgg19      | 3x32x32   |   10 |               |    20029514 |      0 |   398136320 |  17 |      ",
            "vgg19_bn   | 3x32x32   |   10 |               |    20040522 |  11008 |   398136320 |  17 |      ",
            "lesson_cnn | 3x32x32   |   10 |               |      302826 |      0 |     1465024 |   4 |      ",
            "alexnet    | 1x28x28   |   10 |               |     3894986 |      0 |   166877184 |   8 |      ",
            "vgg11      | 1x28x28   |   10 |               |     9224458 |      0 |    94828544 |   9 |      ",
            "vgg11_bn   | 1x28x28   |   10 |               |     9229962 |   5504 |    94828544 |   9 |      ",
            "vgg16      | 1x28x28   |   10 |               |    14718666 |      0 |   205125632 |  14 |      ",
            "vgg16_bn   | 1x28x28   |   10 |               |    14727114 |   8448 |   205125632 |  14 |      ",
            "vgg19      | 1x28x28   |   10 |               |    20028362 |      0 |   257619968 |  17 |      ",
            "vgg19_bn   | 1x28x28   |   10 |               |    20039370 |  11008 |   257619968 |  17 |      ",
            "lesson_cnn | 1x28x28   |   10 |               |      212426 |      0 |      862272 |   4 |      "
    })
    void matchesPyTorch(String name, String input, int classes, String options, long params, long buffers,
            long macs, int depth, String gflops) {
        Architecture a = ModelZoo.build(name, options(options).withInput(Shape.parse(input)).withClasses(classes));

        assertThat(a.trainableParameterCount()).as("trainable parameters (torch parameters())").isEqualTo(params);
        assertThat(a.nonTrainableParameterCount()).as("batch-norm running mean/var (torch buffers)").isEqualTo(buffers);
        assertThat(MultiplyAccumulates.of(a)).as("multiply-accumulates (conv + linear)").isEqualTo(macs);
        assertThat(WeightLayers.depth(a)).as("weight layers").isEqualTo(depth);
        if (gflops != null) {
            assertThat(String.format(Locale.ROOT, "%.2f", MultiplyAccumulates.of(a) / 1e9))
                    .as("torchvision's published GFLOPS").isEqualTo(gflops);
        }
    }

    private static ZooOptions options(String text) {
        ZooOptions o = ZooOptions.defaults();
        if (text == null) {
            return o;
        }
        String[] kv = text.split("=");
        return switch (kv[0]) {
            case "shortcut" -> o.withShortcut(ShortcutOption.valueOf(kv[1]));
            case "head" -> o.withHead(HeadOption.valueOf(kv[1].toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException(text);
        };
    }

    @Test
    void everyRegisteredNameBuildsWithItsDefaults() {
        Set<String> built = new HashSet<>();
        for (ZooEntry entry : ModelZoo.entries()) {
            Architecture a = ModelZoo.build(entry.name(), ZooOptions.defaults());
            assertThat(a.input()).isEqualTo(entry.defaultInput());
            assertThat(a.classes()).isEqualTo(entry.defaultClasses());
            built.add(a.name());
        }
        assertThat(built).isEqualTo(ModelZoo.names()).hasSize(30);
    }

    @Test
    void defaultsAreImagenetForImagenetModelsAndCifarForTheRest() {
        assertThat(ModelZoo.entry("resnet50").defaultInput()).isEqualTo(Shape.chw(3, 224, 224));
        assertThat(ModelZoo.entry("resnet50").defaultClasses()).isEqualTo(1000);
        assertThat(ModelZoo.entry("resnet20").defaultInput()).isEqualTo(Shape.chw(3, 32, 32));
        assertThat(ModelZoo.entry("resnet20").defaultClasses()).isEqualTo(10);
        assertThat(ModelZoo.entry("lesson_cnn").defaultInput()).isEqualTo(Shape.chw(3, 32, 32));
    }

    @Test
    void smallFormIsChosenForSmallInputsAndShowsInNodeNames() {
        Architecture small = ModelZoo.build("resnet18", Shape.chw(3, 32, 32), 10);
        Architecture large = ModelZoo.build("resnet18", Shape.chw(3, 224, 224), 10);
        assertThat(small.node("stem_cifar.conv").layer()).hasFieldOrPropertyWithValue("kernel", 3);
        assertThat(large.node("stem.conv").layer()).hasFieldOrPropertyWithValue("kernel", 7);
        assertThat(small.description()).contains("CIFAR stem");
        assertThat(ModelZoo.build("vgg16", Shape.chw(3, 32, 32), 10).node("head_small.fc").output())
                .isEqualTo(Shape.flat(10));
        assertThat(ModelZoo.build("alexnet", ZooOptions.of(Shape.chw(3, 64, 64), 10).withHead(HeadOption.SMALL))
                .node("features_small.conv1").output()).isEqualTo(Shape.chw(64, 64, 64));
    }

    @Test
    void shortcutIsDerivedFromTheShapeChange() {
        Architecture a = ModelZoo.build("resnet20", ZooOptions.defaults().withShortcut(ShortcutOption.B));
        Set<String> projections = new HashSet<>();
        a.nodes().stream().filter(n -> n.path().endsWith(".shortcut")).forEach(n -> projections.add(n.path()));
        assertThat(projections).containsExactlyInAnyOrder("stage2.block1.shortcut", "stage3.block1.shortcut");
    }

    @Test
    void adaptivePoolBecomesAnAveragePoolAtExactMultiplesOfTheTarget() {
        Architecture vgg = ModelZoo.build("vgg16", Shape.chw(3, 448, 448), 1000);
        assertThat(vgg.node("avgpool").output()).isEqualTo(Shape.chw(512, 7, 7));
        assertThat(vgg.trainableParameterCount()).isEqualTo(138_357_544L);
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> ModelZoo.build("resnet19", Shape.chw(3, 32, 32), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown architecture 'resnet19'")
                .hasMessageContaining("resnet18, ").hasMessageContaining("lesson_cnn");
    }

    @Test
    void inputTooSmallForTheImagenetFormNamesTheNode() {
        assertThatThrownBy(() -> ModelZoo.build("alexnet",
                ZooOptions.of(Shape.chw(3, 32, 32), 10).withHead(HeadOption.IMAGENET)))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("features.pool")
                .hasMessageContaining("below 1x1");
    }

    @Test
    void flatInputIsRejected() {
        assertThatThrownBy(() -> ModelZoo.build("lesson_cnn", Shape.flat(784), 10))
                .isInstanceOf(SpecException.class).hasMessageContaining("CxHxW").hasMessageContaining("784");
    }

    @Test
    void optionsAModelDoesNotHaveAreRejected() {
        assertThatThrownBy(() -> ModelZoo.build("vgg16", ZooOptions.defaults().withShortcut(ShortcutOption.A)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vgg16 has no residual shortcuts");
        assertThatThrownBy(() -> ModelZoo.build("resnet20", ZooOptions.defaults().withHead(HeadOption.IMAGENET)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only its small-image form");
    }
}

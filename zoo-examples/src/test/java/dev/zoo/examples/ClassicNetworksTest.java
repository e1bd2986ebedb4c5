package dev.zoo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The side-by-side table with its published numbers, and two steps of two small-image forms. */
class ClassicNetworksTest {

    @Test
    void comparesImagenetFormsAndTrainsSmallForms() {
        ClassicNetworks lesson = new ClassicNetworks();
        lesson.compare = List.of("alexnet", "vgg16", "resnet50");
        lesson.train = List.of("alexnet", "resnet20");
        lesson.steps = 2;
        lesson.batch = 8;
        lesson.testLimit = 16;
        Printout out = new Printout();

        ClassicNetworks.Result r = lesson.run(out.stream());

        // torchvision's parameter counts and the papers' depths
        assertThat(r.imagenet()).extracting(row -> row.summary().totalParams())
                .containsExactly(61_100_840L, 138_357_544L, 25_557_032L);
        assertThat(r.imagenet()).extracting(row -> row.summary().depth()).containsExactly(8, 16, 50);
        assertThat(r.trained()).extracting(t -> t.summary().name()).containsExactly("alexnet", "resnet20");
        assertThat(r.trained()).extracting(t -> t.summary().input()).containsOnly("1x28x28");
        for (ClassicNetworks.Trained t : r.trained()) {
            assertThat(t.outcome().result().stepLosses()).hasSize(2).allSatisfy(l -> assertThat(l).isFinite().isPositive());
            assertThat(t.outcome().evaluation().top1()).isBetween(0.0, 1.0);
            assertThat(t.outcome().secondsPerStep()).isPositive();
        }
        assertThat(out.text()).contains("138,357,544", "TEST ACC");
    }

    @Test
    void emptyTrainListOnlyCompares() {
        ClassicNetworks lesson = new ClassicNetworks();
        lesson.compare = List.of("resnet18");
        lesson.train = List.of();

        ClassicNetworks.Result r = lesson.run(new Printout().stream());

        assertThat(r.imagenet()).hasSize(1);
        assertThat(r.trained()).isEmpty();
    }
}

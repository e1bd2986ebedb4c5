package dev.zoo.api.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.spec.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingJsonTest {

    @Test
    void aRunInfoWithEveryOptimizerAndScheduleSurvivesJson() throws Exception {
        for (Optimizer o : List.of(new Optimizer.Sgd(0.9, true, 5e-4), Optimizer.Adam.defaults())) {
            for (LearningRateSchedule s : List.of(new LearningRateSchedule.Constant(0.1),
                    new LearningRateSchedule.MultiStep(0.1, List.of(10L, 20L), 0.1),
                    new LearningRateSchedule.Cosine(0.1, 5, 0.001))) {
                TrainingConfig c = TrainingConfig.builder().epochs(3).batchSize(32).seed(9).optimizer(o).schedule(s)
                        .checkpointEverySteps(100).gradientNormEverySteps(10).maxSteps(50).device(Device.AUTO).build();
                RunInfo info = new RunInfo("lesson_cnn", "djl-pytorch", "fashion-mnist", Map.of("pad", "32"),
                        Shape.chw(1, 32, 32), List.of("T-shirt", "Trouser"), c);
                String json = TrainingJson.mapper().writeValueAsString(info);
                assertThat(TrainingJson.mapper().readValue(json, RunInfo.class)).isEqualTo(info);
            }
        }
    }

    @Test
    void optimizersAndSchedulesAreTaggedWithTheirType() throws Exception {
        String json = TrainingJson.mapper().writeValueAsString(TrainingConfig.builder()
                .optimizer(Optimizer.Adam.defaults()).schedule(new LearningRateSchedule.Cosine(0.1, 5, 0)).build());
        assertThat(json).contains("\"type\" : \"adam\"").contains("\"type\" : \"cosine\"");
    }
}

package dev.zoo.djl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.weights.Weights;
import dev.zoo.api.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ReleasingSequentialBlock}: the intermediate results of a sequence are released as soon as
 * the next block has read them, and training moves the parameters bit for bit as it does with DJL's
 * own {@code SequentialBlock}, on both engines.
 */
class ReleasingSequentialBlockTest {

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void intermediatesAreReleasedInputsOutputsAndPassedOnArraysAreNot(String engine) {
        try (NDManager manager = NDManager.newBaseManager(engine)) {
            List<NDArray> seen = new ArrayList<>();
            ReleasingSequentialBlock block = new ReleasingSequentialBlock();
            block.add(new OpBlock("plus", (x, t) -> x.add(1), List.of(2)));
            block.add(new OpBlock("same", (x, t) -> {
                seen.add(x);
                return x; // passed on unchanged
            }, List.of(2)));
            block.add(new OpBlock("times", (x, t) -> {
                seen.add(x);
                return x.mul(2);
            }, List.of(2)));
            NDArray input = manager.create(new float[] {1, 2}, new Shape(2));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(input), true)
                    .singletonOrThrow();
            assertThat(out.toFloatArray()).containsExactly(4, 6);
            assertThat(seen.get(0)).isSameAs(seen.get(1));
            assertThat(seen.get(0).isReleased()).as("the intermediate x + 1").isTrue();
            assertThat(input.isReleased()).isFalse();
            assertThat(out.isReleased()).isFalse();
        }
    }

    /** A first block that hands the sequence's input on (dropout at evaluation) must not get it released. */
    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void theSequencesInputIsNeverReleasedEvenWhenHandedOn(String engine) {
        try (NDManager manager = NDManager.newBaseManager(engine)) {
            ReleasingSequentialBlock block = new ReleasingSequentialBlock();
            block.add(new OpBlock("same", (x, t) -> x, List.of(2)));
            block.add(new OpBlock("plus", (x, t) -> x.add(1), List.of(2)));
            block.add(new OpBlock("times", (x, t) -> x.mul(2), List.of(2)));
            NDArray input = manager.create(new float[] {1, 2}, new Shape(2));
            NDArray out = block.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            assertThat(out.toFloatArray()).containsExactly(4, 6);
            assertThat(input.isReleased()).as("the input, which a residual shortcut still reads").isFalse();
            assertThat(input.add(out).toFloatArray()).containsExactly(5, 8);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"lesson_cnn, pytorch", "resnet20, pytorch", "lesson_cnn, mxnet",
        "resnet20, mxnet"})
    void trainingIsBitIdenticalWithAndWithoutTheRelease(String model, String engine) {
        Architecture a = ModelZoo.build(model, dev.zoo.api.spec.Shape.chw(3, 32, 32), 10);
        Weights released = trainTwoSteps(a, engine, "true");
        Weights kept = trainTwoSteps(a, engine, "false");
        assertThat(released).isEqualTo(kept);
    }

    private static Weights trainTwoSteps(Architecture a, String engine, String release) {
        System.setProperty(ReleasingSequentialBlock.PROPERTY, release);
        dev.zoo.api.backend.Backend backend = engine.equals("mxnet") ? new DjlMxnetBackend() : new DjlPyTorchBackend();
        try (Network network = backend.compile(a,
                NetworkOptions.defaults().withOptimizer(new Optimizer.Sgd(0.9, true, 5e-4)))) {
            Random random = new Random(3);
            float[] images = new float[4 * 3 * 32 * 32];
            for (int i = 0; i < images.length; i++) {
                images[i] = (float) random.nextGaussian();
            }
            Batch batch = new Batch(images, new int[] {1, 7, 3, 3}, 4, a.input());
            network.trainStep(batch, 0.1);
            network.trainStep(batch, 0.05);
            return network.exportWeights();
        } finally {
            System.clearProperty(ReleasingSequentialBlock.PROPERTY);
        }
    }
}

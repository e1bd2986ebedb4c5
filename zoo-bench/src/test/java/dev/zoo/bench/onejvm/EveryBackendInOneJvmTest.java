package dev.zoo.bench.onejvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zoo.api.backend.Backends;
import dev.zoo.api.backend.Network;
import dev.zoo.api.backend.NetworkOptions;
import dev.zoo.api.data.Batch;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * The four engines share one JVM, as {@code ./zoo} runs them: TensorFlow Java 1.1.0 needs JavaCPP
 * 1.5.11, DL4J 1.0.0-M2.1 was built on 1.5.7 and runs on 1.5.11 only because the root pom pins it.
 * One training step of each backend, in turn and then again, proves the pin still holds.
 */
class EveryBackendInOneJvmTest {

    static final List<String> BACKENDS = List.of("djl-pytorch", "djl-mxnet", "dl4j", "tensorflow");

    @Test
    void oneStepOfEveryBackendInOneJvmOnJavaCpp1511() throws java.io.IOException {
        Architecture a = ModelZoo.build("resnet20", ZooOptions.of(Shape.chw(3, 8, 8), 4));
        Batch batch = batch(a, 4);
        List<Double> first = new ArrayList<>();
        for (String id : BACKENDS) {
            first.add(step(id, a, batch));
        }
        for (int i = 0; i < BACKENDS.size(); i++) {
            assertThat(first.get(i)).as("loss of %s's step", BACKENDS.get(i)).isFinite()
                    .isCloseTo(first.get(0), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(step(BACKENDS.get(i), a, batch)).as("%s again, after the others ran", BACKENDS.get(i))
                    .isEqualTo(first.get(i));
        }
        assertThat(Loader.getVersion()).as("the JavaCPP that TensorFlow and ND4J loaded").isEqualTo("1.5.11");
    }

    private static double step(String id, Architecture a, Batch batch) {
        try (Network n = Backends.get(id).compile(a, NetworkOptions.defaults())) {
            return n.trainStep(batch, 0.05);
        }
    }

    private static Batch batch(Architecture a, int size) {
        Random random = new Random(3);
        float[] x = new float[Math.toIntExact(size * a.input().size())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % a.classes();
        }
        return new Batch(x, labels, size, a.input());
    }
}

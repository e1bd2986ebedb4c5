package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.data.Batch;
import dev.zoo.api.data.BatchIterator;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An image file is prepared exactly as the test split prepares its examples: the first
 * Fashion-MNIST test image, saved as a PNG, gives the same floats as the test split's first item.
 */
class ZooDatasetOpenerTest {

    private static final Path FIRST_TEST_IMAGE = Path.of("..", "examples", "images", "fashion-test-0-ankle-boot.png");

    @ParameterizedTest
    @ValueSource(ints = {0, 32})
    void aSavedTestImageIsPreparedLikeTheTestSplit(int padTo) {
        OpenedData data = new ZooDatasetOpener().open(new DataSettings("fashion-mnist", null, 100, 1, false, padTo));
        Batch first;
        try (BatchIterator it = data.test().batches(0, 1, 0)) {
            first = it.next();
        }
        assertThat(first.labels()[0]).isEqualTo(9);
        assertThat(data.images().prepare(FIRST_TEST_IMAGE)).containsExactly(first.images());
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing.png", "pom.xml"})
    void aFileThatIsNoImageIsNamed(String name) {
        OpenedData data = new ZooDatasetOpener().open(new DataSettings("fashion-mnist", null, 100, 1, false, 0));
        assertThatThrownBy(() -> data.images().prepare(Path.of(name))).hasMessageContaining(name);
    }
}

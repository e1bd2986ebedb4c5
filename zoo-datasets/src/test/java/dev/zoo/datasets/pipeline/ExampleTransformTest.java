package dev.zoo.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.spec.Shape;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleTransformTest {

    private static final Shape CIFAR = Shape.chw(3, 32, 32);

    private static byte[] image(Shape s) {
        byte[] px = new byte[(int) s.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37 + 11);
        }
        return px;
    }

    @Test
    void withoutAugmentationItOnlyNormalises() {
        byte[] px = image(CIFAR);
        ChannelStats stats = new ChannelStats(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.6, 0.7});
        ExampleTransform t = new ExampleTransform(CIFAR, 0, false, stats);
        float[] out = new float[3072];
        t.apply(px, 0, out, 0, 123);
        for (int i : new int[] {0, 1, 1023, 1024, 2047, 2048, 3071}) {
            int c = i / 1024;
            double expected = ((px[i] & 0xFF) / 255.0 - stats.mean()[c]) / stats.std()[c];
            assertThat(out[i]).isEqualTo((float) expected);
        }
    }

    @Test
    void paddingTo32CentresThe28PixelImageInBlack() {
        Shape mnist = Shape.chw(1, 28, 28);
        byte[] px = image(mnist);
        ChannelStats stats = new ChannelStats(new double[] {0.5}, new double[] {0.5});
        ExampleTransform t = new ExampleTransform(mnist, 32, false, stats);
        assertThat(t.outputShape()).isEqualTo(Shape.chw(1, 32, 32));
        float[] out = new float[1024];
        t.apply(px, 0, out, 0, 0);
        float black = -1f;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                float expected = inside ? (float) (((px[(y - 2) * 28 + x - 2] & 0xFF) / 255.0 - 0.5) / 0.5) : black;
                assertThat(out[y * 32 + x]).as("y %d x %d", y, x).isEqualTo(expected);
            }
        }
        assertThatThrownBy(() -> new ExampleTransform(mnist, 27, false, stats)).hasMessageContaining("pad to 27");
    }

    /** torchvision's way, written plainly: pad by 4 with zeros, crop at (dy, dx), then flip. */
    private static int reference(byte[] px, int c, int y, int x, int dy, int dx, boolean flip) {
        int cx = flip ? 31 - x : x;
        int py = y + dy - 4;
        int pxx = cx + dx - 4;
        return py < 0 || py >= 32 || pxx < 0 || pxx >= 32 ? 0 : px[c * 1024 + py * 32 + pxx] & 0xFF;
    }

    @Test
    void augmentationIsACropOfTheZeroPaddedImageThenAFlip() {
        byte[] px = image(CIFAR);
        ExampleTransform t = new ExampleTransform(CIFAR, 0, true, ChannelStats.identity(3));
        Set<String> seen = new HashSet<>();
        float[] out = new float[3072];
        for (long key = 0; key < 2000; key++) {
            t.apply(px, 0, out, 0, key);
            SeededRandom r = new SeededRandom(key);
            int dy = r.nextInt(9);
            int dx = r.nextInt(9);
            boolean flip = (r.nextLong() & 1) == 1;
            seen.add(dy + "," + dx + "," + flip);
            if (key >= 300) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y += 3) {
                    for (int x = 0; x < 32; x++) {
                        assertThat(out[c * 1024 + y * 32 + x] * 255f).as("key %d c %d y %d x %d", key, c, y, x)
                                .isCloseTo(reference(px, c, y, x, dy, dx, flip), org.assertj.core.api.Assertions.within(1e-3f));
                    }
                }
            }
        }
        assertThat(seen).as("all 9 x 9 crops with and without flip occur").hasSize(162);
    }

    @Test
    void theSameKeyGivesTheSameAugmentation() {
        byte[] px = image(CIFAR);
        ExampleTransform t = new ExampleTransform(CIFAR, 0, true, ChannelStats.identity(3));
        float[] a = new float[3072];
        float[] b = new float[3072];
        t.apply(px, 0, a, 0, 99);
        t.apply(px, 0, b, 0, 99);
        assertThat(a).isEqualTo(b);
        assertThat(t.withoutAugmentation().augments()).isFalse();
    }
}

package dev.zoo.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void matchesTheSplitMix64ReferenceSequence() {
        SeededRandom r = new SeededRandom(1234567L);
        assertThat(r.nextLong()).isEqualTo(6457827717110365317L);
        assertThat(r.nextLong()).isEqualTo(3203168211198807973L);
        assertThat(r.nextLong()).isEqualTo(-8629252141511181193L);
    }

    @Test
    void nextIntStaysInBoundsAndCoversIt() {
        SeededRandom r = new SeededRandom(7);
        int[] seen = new int[9];
        for (int i = 0; i < 9000; i++) {
            seen[r.nextInt(9)]++;
        }
        assertThat(IntStream.of(seen).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(850, 1150));
        assertThatThrownBy(() -> r.nextInt(0)).hasMessageContaining("bound must be >= 1, got 0");
    }

    @Test
    void shuffledIsAPermutationFixedByTheSeed() {
        int[] values = IntStream.range(0, 1000).toArray();
        int[] a = new SeededRandom(42).shuffled(values);
        int[] b = new SeededRandom(42).shuffled(values);
        int[] c = new SeededRandom(43).shuffled(values);
        assertThat(a).isEqualTo(b).isNotEqualTo(values).isNotEqualTo(c);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(values);
    }

    @Test
    void derivedKeysDifferPerChild() {
        long k0 = SeededRandom.derive(42, 0);
        assertThat(SeededRandom.derive(42, 0)).isEqualTo(k0);
        assertThat(IntStream.range(0, 10_000).mapToLong(i -> SeededRandom.derive(42, i)).distinct().count()).isEqualTo(10_000);
        assertThat(SeededRandom.derive(43, 0)).isNotEqualTo(k0);
    }
}

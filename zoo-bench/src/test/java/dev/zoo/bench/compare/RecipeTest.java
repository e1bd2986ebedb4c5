package dev.zoo.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The machine line of a comparison names the allocator its processes run on. */
class RecipeTest {

    @Test
    void theAllocatorIsReadFromTheLibrariesMapped() {
        String glibc = """
                7f1c2a000000-7f1c2a022000 r--p 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6
                7f1c2b000000-7f1c2b001000 r-xp 00000000 08:01 5678 /usr/lib/jvm/java-17/lib/server/libjvm.so
                """;
        String tcmalloc = glibc
                + "7f1c2c000000-7f1c2c010000 r-xp 00000000 08:01 9012 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10\n";
        assertThat(Recipe.allocator(glibc)).isEqualTo("C library's malloc");
        assertThat(Recipe.allocator(tcmalloc)).isEqualTo("tcmalloc");
        assertThat(Recipe.allocator(glibc + "7f1d-7f1e r-xp 0 0 0 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n"))
                .isEqualTo("jemalloc");
        // a folder named after an allocator is not the allocator
        assertThat(Recipe.allocator(glibc + "7f1d-7f1e r-xp 0 0 0 /opt/libtcmalloc-build/libzoo.so\n"))
                .isEqualTo("C library's malloc");
    }

    @Test
    void thisProcessReportsAnAllocator() {
        assertThat(Recipe.machine()).containsAnyOf("tcmalloc", "jemalloc", "mimalloc", "C library's malloc",
                        "malloc unknown")
                .contains("native thread");
    }
}

package dev.zoo.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.datasets.format.Cifar100Labels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataOptionsTest {

    @Test
    void settersReturnChangedCopiesAndLeaveTheOriginal() {
        DataOptions base = DataOptions.defaults();
        DataOptions changed = base.seed(42).augment(true).padTo(32).limit(10).cifar100Labels(Cifar100Labels.COARSE)
                .validationFraction(0.1).download(false).dataDir(Path.of("/d"));
        assertThat(base.seed()).isZero();
        assertThat(base.augment()).isFalse();
        assertThat(base.download()).isTrue();
        assertThat(base.cifar100Labels()).isEqualTo(Cifar100Labels.FINE);
        assertThat(base.cacheDir()).isEqualTo(DataOptions.defaultCacheDir(System.getenv("HOME"),
                System.getProperty("user.home")));
        assertThat(base.systemDataDir()).isEqualTo(Path.of("/usr/share/datasets"));
        assertThat(changed.seed()).isEqualTo(42);
        assertThat(changed.padTo()).isEqualTo(32);
        assertThat(changed.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(changed.toString()).contains("seed 42", "augment true", "cifar100Labels COARSE", "normalize PUBLISHED");
    }

    @Test
    void theCacheFollowsHomeAsTheShellSetsIt() {
        assertThat(DataOptions.defaultCacheDir("/tmp/elsewhere", "/root")).isEqualTo(Path.of("/tmp/elsewhere/.zoo/datasets"));
        assertThat(DataOptions.defaultCacheDir(null, "/root")).isEqualTo(Path.of("/root/.zoo/datasets"));
        assertThat(DataOptions.defaultCacheDir(" ", "/root")).isEqualTo(Path.of("/root/.zoo/datasets"));
    }

    @Test
    void badValuesAreNamed() {
        DataOptions o = DataOptions.defaults();
        assertThatThrownBy(() -> o.padTo(-1)).hasMessage("data options: padTo must be >= 0, got -1");
        assertThatThrownBy(() -> o.limit(-5)).hasMessage("data options: limit must be >= 0, got -5");
        assertThatThrownBy(() -> o.validationFraction(1.0)).hasMessageContaining("[0, 1), got 1.0");
        assertThatThrownBy(() -> o.validationFraction(Double.NaN)).hasMessageContaining("got NaN");
        assertThatThrownBy(() -> o.imageSize(0)).hasMessageContaining("imageSize must be >= 1, got 0");
        assertThatThrownBy(() -> o.cifar100Labels(null)).hasMessageContaining("cifar100Labels must not be null");
    }
}

package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsCommandTest {

    private static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @Test
    void listsEveryDatasetWithWhereItIsOrWhereItWasLookedFor() throws Exception {
        Path cifar100 = Files.createDirectories(tmp.resolve("data/cifar100"));
        Files.write(cifar100.resolve("train.bin"), new byte[10]);
        CommandRun run = CommandRun.of("datasets", "--data-dir", tmp.resolve("data").toString(),
                "--cache-dir", tmp.resolve("cache").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("NAME", "WHERE", "fashion-mnist", "mnist", "cifar10", "cifar100");
        assertThat(run.out()).contains("classes: apple, aquarium_fish, baby");
        assertThat(run.out()).contains(cifar100 + " (--data-dir): missing test.bin");
        assertThat(run.out()).contains("not found: zoo datasets fetch cifar10");
    }

    @Test
    void listsTheInstalledFashionMnistWithItsSize() {
        Assumptions.assumeTrue(Files.isDirectory(DEBIAN_FASHION), "needs apt-get install -y dataset-fashion-mnist");
        CommandRun run = CommandRun.of("datasets", "--cache-dir", tmp.resolve("cache").toString());
        assertThat(run.out()).containsPattern("fashion-mnist +1x28x28 +60000 +10000 +10 +30\\.9 MB  "
                + DEBIAN_FASHION + " \\(system datasets\\)");
    }

    @Test
    void fetchVerifiesADatasetAlreadyOnDisk() {
        Assumptions.assumeTrue(Files.isDirectory(DEBIAN_FASHION), "needs apt-get install -y dataset-fashion-mnist");
        CommandRun run = CommandRun.of("datasets", "--cache-dir", tmp.resolve("cache").toString(), "fetch", "fashion-mnist");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("fashion-mnist: verified, in " + DEBIAN_FASHION);
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void fetchThatCannotDownloadSaysWhereToPutTheFilesAndFails() throws Exception {
        CommandRun run = CommandRun.of("datasets", "fetch", "cifar10", "--cache-dir", tmp.resolve("cache").toString(),
                "--mirror", "http://127.0.0.1:1/");
        assertThat(run.exitCode()).isEqualTo(DatasetsCommand.DATA_ERROR);
        assertThat(run.err()).contains("cifar10: not found, and download failed")
                .contains("data_batch_1.bin").contains("into " + tmp.resolve("cache/cifar10"));
        assertThat(tmp.resolve("cache")).as("nothing left behind, not even an empty cache folder").doesNotExist();
    }

    @Test
    void anUnknownNameIsAUserError() {
        CommandRun run = CommandRun.of("datasets", "fetch", "imagenet");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("dataset 'imagenet': unknown; known are fashion-mnist, mnist, cifar10, cifar100");
    }
}

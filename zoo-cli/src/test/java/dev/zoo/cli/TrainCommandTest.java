package dev.zoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zoo.api.backend.Device;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ShortcutOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TrainCommandTest {

    private static TrainCommand command(String... args) {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return c;
    }

    private static TrainRequest parse(String... args) {
        return command(args).request();
    }

    @Test
    void everyOptionReachesTheRequest() {
        TrainRequest r = parse("lesson_cnn", "--dataset", "fashion-mnist", "--backend", "djl-mxnet", "--epochs", "2",
                "--batch-size", "128", "--lr", "0.1", "--optimizer", "sgd", "--momentum", "0.8", "--nesterov",
                "--weight-decay", "1e-4", "--schedule", "cosine", "--warmup", "100", "--limit", "10000", "--seed", "7",
                "--out", "r", "--device", "cpu", "--data-dir", "/data", "--pad-to", "32", "--max-steps", "9");
        assertThat(r.model()).isEqualTo(ModelChoice.zoo("lesson_cnn"));
        assertThat(r.backend()).isEqualTo("djl-mxnet");
        assertThat(r.out()).isEqualTo(Path.of("r"));
        assertThat(r.data()).isEqualTo(new DataSettings("fashion-mnist", Path.of("/data"), 10000, 7, false, 32));
        assertThat(r.config().epochs()).isEqualTo(2);
        assertThat(r.config().batchSize()).isEqualTo(128);
        assertThat(r.config().seed()).isEqualTo(7);
        assertThat(r.config().optimizer()).isEqualTo(new Optimizer.Sgd(0.8, true, 1e-4));
        assertThat(r.config().schedule()).isEqualTo(new LearningRateSchedule.Cosine(0.1, 100, 0));
        assertThat(r.config().device()).isEqualTo(Device.CPU);
        assertThat(r.config().maxSteps()).isEqualTo(9);
    }

    @Test
    void adamAndTheStepScheduleAndCifarAugmentationByDefault() {
        TrainRequest r = parse("resnet20", "--dataset", "cifar10", "--optimizer", "adam", "--schedule", "step",
                "--lr", "0.001");
        assertThat(r.config().optimizer()).isEqualTo(new Optimizer.Adam(0.9, 0.999, 1e-8, 5e-4));
        assertThat(r.config().schedule()).isEqualTo(LearningRateSchedule.MultiStep.classic(0.001));
        assertThat(r.data().augment()).isTrue();
        assertThat(r.out().toString()).startsWith("runs/resnet20-cifar10-");
    }

    private static SparkRequest spark(String... args) {
        return command(args).spark();
    }

    @Test
    void theSparkOptionsReachTheirRequestAndNeedSpark() {
        assertThat(spark("lesson_cnn", "--dataset", "mnist", "--spark", "local[2]", "--workers", "2", "--sync-every", "4"))
                .isEqualTo(new SparkRequest("local[2]", 2, 4));
        assertThat(spark("lesson_cnn", "--dataset", "mnist", "--spark", "yarn")).isEqualTo(new SparkRequest("yarn", 0, 1));
        assertThat(spark("lesson_cnn", "--dataset", "mnist")).isNull();
        assertThatThrownBy(() -> spark("lesson_cnn", "--dataset", "mnist", "--sync-every", "4"))
                .hasMessage("--workers and --sync-every need --spark MASTER");
        assertThatThrownBy(() -> spark("lesson_cnn", "--dataset", "mnist", "--spark", "local[2]", "--sync-every", "0"))
                .hasMessage("--sync-every must be >= 1 step, got 0");
    }

    @Test
    void aFileOrAZooFormReachesTheRequest() {
        assertThat(parse("--file", "net.json", "--dataset", "cifar10").model())
                .isEqualTo(ModelChoice.file(Path.of("net.json")));
        assertThat(parse("--file", "nets/net.json", "--dataset", "cifar10").out().toString())
                .startsWith("runs/net-cifar10-");
        assertThat(parse("resnet18", "--dataset", "cifar10", "--shortcut", "a", "--head", "imagenet").model())
                .isEqualTo(new ModelChoice("resnet18", null, ShortcutOption.A, HeadOption.IMAGENET));
    }

    @Test
    void aFileTakesNeitherANameNorAZooForm() {
        assertThatThrownBy(() -> parse("resnet18", "--file", "net.json", "--dataset", "cifar10"))
                .hasMessage("give either NAME (resnet18) or --file (net.json), not both");
        assertThatThrownBy(() -> parse("--file", "net.json", "--dataset", "cifar10", "--shortcut", "B"))
                .hasMessageStartingWith("--shortcut and --head pick a form of a zoo model NAME and cannot change an"
                        + " architecture file (net.json)");
    }

    @Test
    void aMissingDatasetIsNamed() {
        assertThatThrownBy(() -> parse("lesson_cnn")).hasMessageContaining("--dataset");
    }

    @Test
    void impossibleNumbersAreRefusedNamingTheRule() {
        assertThatThrownBy(() -> parse("lesson_cnn", "--dataset", "mnist", "--momentum", "1.5"))
                .hasMessageContaining("momentum must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> parse("lesson_cnn", "--dataset", "mnist", "--epochs", "0"))
                .hasMessageContaining("epochs must be >= 1, got 0");
    }

    @Test
    void theZooCommandRunsTrainEvalAndPredictAndReportsUserErrorsInOneLine() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine zoo = ZooCommand.commandLine();
        zoo.setErr(new java.io.PrintWriter(err));
        assertThat(zoo.getSubcommands()).containsKeys("train", "eval", "predict");
        assertThat(zoo.execute("train", "lesson_cnn")).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("zoo train: give a model NAME (or --file FILE) and --dataset (or --resume DIR)");
        assertThat(zoo.execute("eval", "/nonexistent-run")).isEqualTo(1);
        assertThat(err.toString()).contains("/nonexistent-run: no run.json");
    }

    @Test
    void theHelpRendersEveryOptionWithItsPercentSigns() {
        String help = new CommandLine(new TrainCommand()).getUsageMessage();
        assertThat(help).contains("x0.1 at 50% and 75% of the steps").contains("--resume=DIR").contains("--nesterov");
    }
}

package dev.zoo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlowestTestClassesTest {

    @TempDir
    Path root;

    private void report(String module, String testClass, int tests, String seconds) throws IOException {
        Path dir = Files.createDirectories(root.resolve(module).resolve("target/surefire-reports"));
        Files.writeString(dir.resolve("TEST-" + testClass + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuite name=\"" + testClass + "\" time=\"" + seconds + "\" tests=\"" + tests + "\" errors=\"0\">"
                + "<testcase name=\"a\" classname=\"" + testClass + "\" time=\"0.1\"/></testsuite>");
    }

    @Test
    void everyModulesReportsSlowestFirstWithShares() throws IOException {
        report("zoo-api", "dev.zoo.api.FastTest", 3, "0.5");
        report("zoo-djl", "dev.zoo.djl.SlowTest", 93, "1,234.5");
        report("zoo-dl4j", "dev.zoo.dl4j.MiddleTest", 7, "65.5");
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("zoo-api/target/surefire-reports/dev.zoo.api.FastTest.txt"), "not xml");

        List<SlowestTestClasses.Timing> timings = SlowestTestClasses.read(root);

        assertThat(timings).extracting(SlowestTestClasses.Timing::testClass)
                .containsExactly("dev.zoo.djl.SlowTest", "dev.zoo.dl4j.MiddleTest", "dev.zoo.api.FastTest");
        assertThat(timings.get(0).seconds()).isEqualTo(1234.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SlowestTestClasses.print(timings, 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).contains("of 3", "1301 s in all");
        assertThat(lines[1]).contains("1234.5 s", "94.9%", "zoo-djl", "dev.zoo.djl.SlowTest (93 tests)");
        assertThat(lines[2]).contains("65.5 s", "dev.zoo.dl4j.MiddleTest");
    }

    @Test
    void reportsOfAnEarlierBuildAreLeftOut() throws IOException {
        report("zoo-api", "dev.zoo.api.FastTest", 3, "0.5");
        report("zoo-old", "dev.zoo.old.GoneTest", 1, "99");
        Instant start = Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(root.resolve("zoo-old/target/surefire-reports/TEST-dev.zoo.old.GoneTest.xml"),
                FileTime.from(start.minusSeconds(3600)));
        assertThat(SlowestTestClasses.read(root, start)).extracting(SlowestTestClasses.Timing::testClass)
                .containsExactly("dev.zoo.api.FastTest");
    }

    @Test
    void aBrokenReportIsNamed() throws IOException {
        report("zoo-api", "dev.zoo.api.FastTest", 3, "0.5");
        Path broken = root.resolve("zoo-api/target/surefire-reports/TEST-dev.zoo.api.Broken.xml");
        Files.writeString(broken, "<testsuite name=\"x\" tests=\"1\"");
        assertThatThrownBy(() -> SlowestTestClasses.read(root)).isInstanceOf(IOException.class)
                .hasMessageContaining(broken.toString());
    }
}

package dev.zoo.bench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module lines of the design, held for zoo-bench's comparison and reports. */
class ModuleRulesTest {

    static final ArchRule COMPARISON_FINDS_BACKENDS_BY_ID = noClasses()
            .that().resideInAnyPackage("dev.zoo.bench.compare..", "dev.zoo.bench.report..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.zoo.djl..", "dev.zoo.dl4j..", "dev.zoo.tensorflow..",
                    "ai.djl..", "org.deeplearning4j..", "org.nd4j..", "org.tensorflow..")
            .as("the comparison finds backends by id (Backends.get), so a new backend joins it without a change here;"
                    + " only the hand-written reference networks speak an engine's own API");

    static final ArchRule REPORTS_DO_NOT_RUN_THE_COMPARISON = noClasses().that().resideInAPackage("dev.zoo.bench.report..")
            .should().dependOnClassesThat().resideInAPackage("dev.zoo.bench.compare..")
            .as("the reports draw what runs recorded; they do not start or know comparisons");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zoo.bench");
    }

    @Test
    void comparisonFindsBackendsById() {
        COMPARISON_FINDS_BACKENDS_BY_ID.check(classes);
    }

    @Test
    void reportsDoNotRunTheComparison() {
        REPORTS_DO_NOT_RUN_THE_COMPARISON.check(classes);
    }
}

package dev.zoo.api.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module lines of the design, held for zoo-api. */
class ModuleRulesTest {

    static final ArchRule API_IMPORTS_NO_BACKEND = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("ai.djl..", "org.deeplearning4j..", "org.nd4j..", "org.tensorflow..", "org.bytedeco..")
            .as("zoo-api describes networks without any engine: it imports no DJL, DL4J, ND4J, TensorFlow or JavaCPP class");

    static final ArchRule API_IMPORTS_NO_ZOO_MODULE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.zoo.datasets..", "dev.zoo.djl..", "dev.zoo.dl4j..", "dev.zoo.tensorflow..",
                    "dev.zoo.cli..", "dev.zoo.bench..")
            .as("zoo-api is the root of the module graph: arrows point to it, never from it");

    static final ArchRule API_DRAWS_NO_CHARTS = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.jfree..")
            .as("zoo-api records runs as data; charts of them are drawn by zoo-bench's reports");

    static final ArchRule SPECS_DO_NOT_KNOW_TRAINING = noClasses().that().resideInAPackage("dev.zoo.api.spec..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.zoo.api.backend..", "dev.zoo.api.train..",
                    "dev.zoo.api.data..")
            .as("specs hold architecture only: optimiser, data and training live elsewhere");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zoo.api");
    }

    @Test
    void apiImportsNoBackend() {
        API_IMPORTS_NO_BACKEND.check(classes);
    }

    @Test
    void apiImportsNoOtherZooModule() {
        API_IMPORTS_NO_ZOO_MODULE.check(classes);
    }

    @Test
    void apiDrawsNoCharts() {
        API_DRAWS_NO_CHARTS.check(classes);
    }

    @Test
    void specsDoNotKnowTraining() {
        SPECS_DO_NOT_KNOW_TRAINING.check(classes);
    }
}

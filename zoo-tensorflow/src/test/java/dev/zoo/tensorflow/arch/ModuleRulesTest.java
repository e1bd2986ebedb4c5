package dev.zoo.tensorflow.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module lines of the design, held for zoo-tensorflow. */
class ModuleRulesTest {

    static final ArchRule TENSORFLOW_IMPORTS_NO_OTHER_ENGINE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("ai.djl..", "org.deeplearning4j..", "org.nd4j..")
            .as("zoo-tensorflow runs on TensorFlow Java alone: it imports no DJL, DL4J or ND4J class");

    static final ArchRule TENSORFLOW_IMPORTS_NO_SIBLING_MODULE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.zoo.datasets..", "dev.zoo.djl..", "dev.zoo.dl4j..", "dev.zoo.cli..",
                    "dev.zoo.bench..")
            .as("backends depend on zoo-api only: data reaches them as neutral batches, never through zoo-datasets");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zoo.tensorflow");
    }

    @Test
    void importsNoOtherEngine() {
        TENSORFLOW_IMPORTS_NO_OTHER_ENGINE.check(classes);
    }

    @Test
    void importsNoSiblingModule() {
        TENSORFLOW_IMPORTS_NO_SIBLING_MODULE.check(classes);
    }
}

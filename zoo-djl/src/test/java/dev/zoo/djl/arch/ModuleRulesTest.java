package dev.zoo.djl.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module lines of the design, held for zoo-djl. */
class ModuleRulesTest {

    static final ArchRule DJL_IMPORTS_NO_OTHER_ENGINE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.tensorflow..", "org.bytedeco..")
            .as("zoo-djl runs on DJL alone: it imports no DL4J, ND4J, TensorFlow or JavaCPP class");

    static final ArchRule DJL_IMPORTS_NO_SIBLING_MODULE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.zoo.datasets..", "dev.zoo.dl4j..", "dev.zoo.tensorflow..", "dev.zoo.cli..",
                    "dev.zoo.bench..")
            .as("backends depend on zoo-api only: data reaches them as neutral batches, never through zoo-datasets");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zoo.djl");
    }

    @Test
    void importsNoOtherEngine() {
        DJL_IMPORTS_NO_OTHER_ENGINE.check(classes);
    }

    @Test
    void importsNoSiblingModule() {
        DJL_IMPORTS_NO_SIBLING_MODULE.check(classes);
    }
}

package dev.zoo.datasets.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines zoo-datasets keeps: no engine, and readers and pipeline that know nothing of downloading. */
class ModuleRulesTest {

    static final ArchRule DATASETS_IMPORT_NO_ENGINE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("ai.djl..", "org.deeplearning4j..", "org.nd4j..", "org.tensorflow..", "org.bytedeco..",
                    "dev.zoo.djl..", "dev.zoo.dl4j..", "dev.zoo.tensorflow..")
            .as("zoo-datasets feeds every backend through zoo-api's BatchSource, so it imports no engine nor backend");

    static final ArchRule READERS_AND_PIPELINE_DO_NOT_FETCH = noClasses().that()
            .resideInAnyPackage("dev.zoo.datasets.format..", "dev.zoo.datasets.pipeline..", "dev.zoo.datasets.error..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.zoo.datasets.fetch..", "dev.zoo.datasets.catalog..")
            .as("readers and the pipeline work on files and bytes; where files come from is the catalog's and fetch's concern");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zoo.datasets");
    }

    @Test
    void datasetsImportNoEngine() {
        DATASETS_IMPORT_NO_ENGINE.check(classes);
    }

    @Test
    void readersAndPipelineDoNotFetch() {
        READERS_AND_PIPELINE_DO_NOT_FETCH.check(classes);
    }
}

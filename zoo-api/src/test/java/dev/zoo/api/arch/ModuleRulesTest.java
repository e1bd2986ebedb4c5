package dev.zoo.api.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module lines of the design, held for zoo-api. */
@AnalyzeClasses(packages = "dev.zoo.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule API_IMPORTS_NO_BACKEND = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("ai.djl..", "org.deeplearning4j..", "org.nd4j..", "org.tensorflow..", "org.bytedeco..")
            .as("zoo-api describes networks without any engine: it imports no DJL, DL4J, ND4J, TensorFlow or JavaCPP class");

    @ArchTest
    static final ArchRule API_IMPORTS_NO_ZOO_MODULE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.zoo.datasets..", "dev.zoo.djl..", "dev.zoo.dl4j..", "dev.zoo.tensorflow..",
                    "dev.zoo.cli..", "dev.zoo.bench..")
            .as("zoo-api is the root of the module graph: arrows point to it, never from it");

    @ArchTest
    static final ArchRule SPECS_DO_NOT_KNOW_TRAINING = noClasses().that().resideInAPackage("dev.zoo.api.spec..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.zoo.api.backend..", "dev.zoo.api.train..",
                    "dev.zoo.api.data..")
            .as("specs hold architecture only: optimiser, data and training live elsewhere");
}

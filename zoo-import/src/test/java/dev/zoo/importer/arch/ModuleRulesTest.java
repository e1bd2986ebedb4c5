package dev.zoo.importer.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lines zoo-import keeps: file formats in, zoo-api's forms out, no engine and no sibling module. */
class ModuleRulesTest {

    static final ArchRule IMPORT_USES_NO_ENGINE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("ai.djl..", "org.deeplearning4j..", "org.nd4j..", "org.tensorflow..", "org.bytedeco..",
                    "dev.zoo.djl..", "dev.zoo.dl4j..", "dev.zoo.tensorflow..", "dev.zoo.datasets..", "dev.zoo.cli..",
                    "dev.zoo.bench..")
            .as("zoo-import turns files into zoo-api's architectures and weights; any backend then runs them, so it "
                    + "imports no engine, backend or sibling module");

    static final ArchRule FORMATS_STAY_APART = noClasses().that().resideInAPackage("dev.zoo.importer.torch..")
            .should().dependOnClassesThat().resideInAPackage("dev.zoo.importer.keras..")
            .as("the PyTorch and Keras importers share nothing but zoo-api");

    static final ArchRule KERAS_STAYS_APART = noClasses().that().resideInAPackage("dev.zoo.importer.keras..")
            .should().dependOnClassesThat().resideInAPackage("dev.zoo.importer.torch..")
            .as("the Keras and PyTorch importers share nothing but zoo-api");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // the module's own compiled classes only: scanning the test class path (engines included) takes seconds
        classes = new ClassFileImporter().importPath(Path.of("target/classes"));
    }

    @Test
    void importUsesNoEngine() {
        IMPORT_USES_NO_ENGINE.check(classes);
    }

    @Test
    void torchImportsNoKeras() {
        FORMATS_STAY_APART.check(classes);
    }

    @Test
    void kerasImportsNoTorch() {
        KERAS_STAYS_APART.check(classes);
    }
}

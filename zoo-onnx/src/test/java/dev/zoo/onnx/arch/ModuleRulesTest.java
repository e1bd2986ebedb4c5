package dev.zoo.onnx.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The module line of zoo-onnx: it writes files from zoo-api's specs and weights with protobuf alone, no engine. */
class ModuleRulesTest {

    static final ArchRule ONLY_API_AND_PROTOBUF = classes().that().resideInAPackage("dev.zoo.onnx..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.zoo.onnx..", "dev.zoo.api..",
                    "com.google.protobuf..", "java..")
            .as("zoo-onnx depends on zoo-api, protobuf-java and the JDK only: no backend, no engine");

    @Test
    void dependsOnTheApiAndProtobufOnly() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.zoo.onnx");
        ONLY_API_AND_PROTOBUF.check(main);
    }
}

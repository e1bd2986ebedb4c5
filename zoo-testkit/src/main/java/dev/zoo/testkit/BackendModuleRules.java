package dev.zoo.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The module lines of the design, written once for every backend: a backend imports no other
 * engine, and no sibling module (data reaches it as neutral batches, never through zoo-datasets).
 * A backend's {@code arch/ModuleRulesTest} extends this and names its package and the engines it
 * must not touch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendModuleRules {

    /** Every zoo module a backend must not import (its own package is left out). */
    private static final List<String> ZOO_MODULES = List.of("dev.zoo.datasets", "dev.zoo.djl", "dev.zoo.dl4j",
            "dev.zoo.tensorflow", "dev.zoo.cli", "dev.zoo.bench", "dev.zoo.examples");

    /** The backend's root package, for example {@code dev.zoo.djl}. */
    protected abstract String backendPackage();

    /** Packages of the engines this backend must not import, for example {@code org.tensorflow..}. */
    protected abstract List<String> otherEngines();

    private JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(backendPackage());
    }

    /** The rule that keeps other engines out. */
    protected ArchRule importsNoOtherEngineRule() {
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(otherEngines().toArray(String[]::new))
                .as(backendPackage() + " runs on its own engine alone: it imports nothing from " + otherEngines());
    }

    /** The rule that keeps sibling modules out. */
    protected ArchRule importsNoSiblingModuleRule() {
        String[] siblings = ZOO_MODULES.stream().filter(m -> !m.equals(backendPackage())).map(m -> m + "..")
                .toArray(String[]::new);
        return noClasses().should().dependOnClassesThat().resideInAnyPackage(siblings)
                .as("backends depend on zoo-api only: data reaches them as neutral batches, never through zoo-datasets");
    }

    @Test
    void importsNoOtherEngine() {
        importsNoOtherEngineRule().check(classes());
    }

    @Test
    void importsNoSiblingModule() {
        importsNoSiblingModuleRule().check(classes());
    }
}

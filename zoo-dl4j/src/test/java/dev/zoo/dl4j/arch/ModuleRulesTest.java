package dev.zoo.dl4j.arch;

import dev.zoo.testkit.BackendModuleRules;
import java.util.List;

/** The module lines of the design, held for zoo-dl4j: it runs on DL4J/ND4J alone, no DJL or TensorFlow class. */
class ModuleRulesTest extends BackendModuleRules {

    @Override
    protected String backendPackage() {
        return "dev.zoo.dl4j";
    }

    @Override
    protected List<String> otherEngines() {
        return List.of("ai.djl..", "org.tensorflow..");
    }
}

package dev.zoo.tensorflow.arch;

import dev.zoo.testkit.BackendModuleRules;
import java.util.List;

/** The module lines of the design, held for zoo-tensorflow: it runs on TensorFlow Java alone, no DJL, DL4J or ND4J class. */
class ModuleRulesTest extends BackendModuleRules {

    @Override
    protected String backendPackage() {
        return "dev.zoo.tensorflow";
    }

    @Override
    protected List<String> otherEngines() {
        return List.of("ai.djl..", "org.deeplearning4j..", "org.nd4j..");
    }
}

package dev.zoo.djl.arch;

import dev.zoo.testkit.BackendModuleRules;
import java.util.List;

/** The module lines of the design, held for zoo-djl: it runs on DJL alone, no DL4J, ND4J, TensorFlow or JavaCPP class. */
class ModuleRulesTest extends BackendModuleRules {

    @Override
    protected String backendPackage() {
        return "dev.zoo.djl";
    }

    @Override
    protected List<String> otherEngines() {
        return List.of("org.deeplearning4j..", "org.nd4j..", "org.tensorflow..", "org.bytedeco..");
    }
}

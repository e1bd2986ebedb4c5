package dev.zoo.spark.arch;

import dev.zoo.testkit.BackendModuleRules;
import java.util.List;

/**
 * The module lines of the design, held for zoo-spark: it trains any backend through the neutral SPI,
 * so it imports no engine and no backend module (the workers find the backend by id).
 */
class ModuleRulesTest extends BackendModuleRules {

    @Override
    protected String backendPackage() {
        return "dev.zoo.spark";
    }

    @Override
    protected List<String> otherEngines() {
        return List.of("ai.djl..", "org.deeplearning4j..", "org.nd4j..", "org.tensorflow..");
    }
}

package dev.zoo.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One layer of a Keras model config: its class ({@code Conv2D}), its unique name, its {@code config}
 * object, and the names of the layers it takes its inputs from (the previous layer in a Sequential
 * model, the inbound node's layers in a functional one).
 */
record KerasLayer(String className, String name, JsonNode config, List<String> inputs) {

    KerasLayer {
        inputs = List.copyOf(inputs);
    }
}

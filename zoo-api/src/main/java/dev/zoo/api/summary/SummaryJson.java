package dev.zoo.api.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON form of a {@link Summary}: one object with {@code name, description, input,
 * outputShape, depth, totalParams, trainableParams, nonTrainableParams, macs} and
 * {@code layers[{name, type, outputShape, params, macs}]}.
 */
public final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    /** Pretty-printed JSON of {@code summary}. */
    public static String write(Summary summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary of " + summary.name() + " could not be written as JSON", e);
        }
    }

    /** Reads back what {@link #write} wrote. */
    public static Summary read(String json) {
        try {
            return MAPPER.readValue(json, Summary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("summary JSON: " + e.getOriginalMessage(), e);
        }
    }
}

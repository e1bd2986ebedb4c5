package dev.zoo.api.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.spec.Shape;

/**
 * The JSON form of training records ({@link TrainingConfig}, {@link RunInfo}): optimisers and
 * schedules carry a {@code type} field ({@code sgd}, {@code adam}; {@code constant},
 * {@code multistep}, {@code cosine}); shapes are text ({@code "1x28x28"}). The backend SPI's {@link Optimizer} stays free of JSON
 * annotations; they are added here as a mix-in.
 */
public final class TrainingJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(Optimizer.class, OptimizerTypes.class).addMixIn(Shape.class, ShapeAsText.class);

    private TrainingJson() {
    }

    /** A mapper that reads and writes the training records; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Optimizer.Sgd.class, name = "sgd"),
        @JsonSubTypes.Type(value = Optimizer.Adam.class, name = "adam")
    })
    private interface OptimizerTypes {
    }

    /** A shape is written as its text, {@code "1x28x28"}. */
    private abstract static class ShapeAsText {
        @JsonCreator
        static Shape parse(String text) {
            return Shape.parse(text);
        }

        @JsonValue
        @Override
        public abstract String toString();
    }
}

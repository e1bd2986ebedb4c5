package dev.zoo.api.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zoo.api.zoo.ModelZoo;
import dev.zoo.api.zoo.ZooOptions;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        Summary s = Summary.of(ModelZoo.build("resnet50", ZooOptions.defaults()));
        JsonNode json = new ObjectMapper().readTree(SummaryJson.write(s));
        assertThat(json.get("name").asText()).isEqualTo("resnet50");
        assertThat(json.get("input").asText()).isEqualTo("3x224x224");
        assertThat(json.get("outputShape").asText()).isEqualTo("1000");
        assertThat(json.get("totalParams").asLong()).isEqualTo(25_557_032L);
        assertThat(json.get("trainableParams").asLong()).isEqualTo(25_557_032L);
        assertThat(json.get("nonTrainableParams").asLong()).isEqualTo(53_120L);
        assertThat(json.get("macs").asLong()).isEqualTo(4_089_184_256L);
        JsonNode first = json.get("layers").get(0);
        assertThat(first.get("name").asText()).isEqualTo("stem.conv");
        assertThat(first.get("type").asText()).isEqualTo("Conv2d");
        assertThat(first.get("outputShape").asText()).isEqualTo("64x112x112");
        assertThat(first.get("params").asLong()).isEqualTo(9_408L);
        assertThat(first.get("macs").asLong()).isEqualTo(118_013_952L);
    }

    @Test
    void readsBackWhatItWrites() {
        Summary s = Summary.of(ModelZoo.build("vgg11_bn", ZooOptions.defaults()));
        assertThat(SummaryJson.read(SummaryJson.write(s))).isEqualTo(s);
    }
}

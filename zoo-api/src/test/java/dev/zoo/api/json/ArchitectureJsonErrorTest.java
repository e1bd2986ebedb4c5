package dev.zoo.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of malformed architecture file fails with the source, the JSON path of the field, the
 * line and column of the offending text, and what was expected.
 */
class ArchitectureJsonErrorTest {

    private static final String SOURCE = "bad.json";

    /** A valid file whose line 6 is {@code layer}; lines 7 and 8 close the network to 2 logits. */
    private static String withLayer(String layer) {
        return """
                {
                  "name": "bad",
                  "input": [3, 8, 8],
                  "classes": 2,
                  "network": {"layers": [
                %s,
                    {"type": "Flatten", "name": "flat"},
                    {"type": "Dense", "name": "fc", "units": 2}
                  ]}
                }
                """.formatted(layer);
    }

    private static ArchitectureFormatException error(String json) {
        return catchThrowableOfType(ArchitectureFormatException.class, () -> ArchitectureJson.fromJson(json, SOURCE));
    }

    /** The 1-based column where {@code token} starts in {@code line}. */
    private static int column(String line, String token) {
        int index = line.indexOf(token);
        assertThat(index).as("token %s in %s", token, line).isNotNegative();
        return index + 1;
    }

    private static void assertLocated(ArchitectureFormatException e, String field, int line, int column,
                                      String problem) {
        assertThat(e).as("an ArchitectureFormatException").isNotNull();
        assertThat(e.source()).isEqualTo(SOURCE);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.line()).as("line of: " + e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: " + e.getMessage()).isEqualTo(column);
        assertThat(e.problem()).contains(problem);
        assertThat(e.getMessage()).isEqualTo(SOURCE + ":" + line + ":" + column + ": "
                + (field.isEmpty() ? "top level" : field) + ": " + e.problem());
    }

    private static void assertLayerError(String layer, String field, String token, String problem) {
        assertLocated(error(withLayer(layer)), field, 6, column(layer, token), problem);
    }

    @Test
    void theBaseFileIsValid() {
        String layer = "    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 3}";
        assertThat(ArchitectureJson.fromJson(withLayer(layer), SOURCE).parameterCount()).isEqualTo(4 * 27 + 4 + 2 * 144 + 2);
    }

    @Test
    void wrongTypeNamesTheFieldAndWhatWasExpected() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": \"3\"}",
                "network.layers[0].kernel", "\"3\"", "expected an integer, got string \"3\"");
    }

    @Test
    void decimalWhereAnIntegerBelongs() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4.5, \"kernel\": 3}",
                "network.layers[0].filters", "4.5", "expected an integer, got a decimal number 4.5");
    }

    @Test
    void integerTooLargeForTheField() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 99999999999, \"kernel\": 3}",
                "network.layers[0].filters", "99999999999", "expected an integer that fits 32 bits, got an integer 99999999999");
    }

    @Test
    void wrongBoolean() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 3, \"bias\": \"yes\"}",
                "network.layers[0].bias", "\"yes\"", "expected true or false, got string \"yes\"");
    }

    @Test
    void missingFieldPointsAtItsObject() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4}",
                "network.layers[0].kernel", "{", "missing field 'kernel' in a Conv2d layer");
    }

    @Test
    void missingType() {
        assertLayerError("    {\"name\": \"conv1\", \"filters\": 4, \"kernel\": 3}",
                "network.layers[0].type", "{", "missing field 'type' in a layer");
    }

    @Test
    void unknownTypeListsTheKnownOnes() {
        assertLayerError("    {\"type\": \"Conv3d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 3}",
                "network.layers[0].type", "\"Conv3d\"", "unknown layer type 'Conv3d'; expected one of Conv2d, Dense, Pool, "
                        + "GlobalPool, BatchNorm, Activation, Dropout, Flatten, LocalResponseNorm, Sequential, Residual");
    }

    @Test
    void unknownFieldPointsAtItsName() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernal\": 3}",
                "network.layers[0].kernal", "\"kernal\"", "unknown field 'kernal' in a Conv2d layer; expected only "
                        + "type, name, filters, kernel, stride, padding, bias");
    }

    @Test
    void duplicateField() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 3, \"filters\": 5}",
                "network.layers[0].filters", "\"filters\": 5", "duplicate field 'filters' (first given on line 6)");
    }

    @Test
    void badEnumValueListsTheChoices() {
        assertLayerError("    {\"type\": \"Pool\", \"name\": \"pool\", \"pool\": \"maxx\", \"kernel\": 2}",
                "network.layers[0].pool", "\"maxx\"", "expected one of max, avg, got string \"maxx\"");
    }

    @Test
    void layerThatIsNotAnObject() {
        assertLayerError("    \"conv1\"", "network.layers[0]", "\"conv1\"",
                "expected a layer as a JSON object, got string \"conv1\"");
    }

    @Test
    void theSpecsOwnRuleComesThroughAtTheFieldItNames() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 0, \"kernel\": 3}",
                "network.layers[0].filters", "0,", "conv1: filters must be >= 1, got 0");
        assertLayerError("    {\"type\": \"Pool\", \"name\": \"pool\", \"pool\": \"max\", \"kernel\": 2, \"padding\": 2}",
                "network.layers[0].padding", "2}", "pool: padding 2 must be at most half the kernel 2");
        assertLayerError("    {\"type\": \"Dropout\", \"name\": \"drop\", \"rate\": 1}",
                "network.layers[0].rate", "1}", "drop: dropout rate must be in [0, 1), got 1.0");
    }

    @Test
    void aBadNameComesThroughAtTheNameField() {
        assertLayerError("    {\"type\": \"Flatten\", \"name\": \"a.b\"}",
                "network.layers[0].name", "\"a.b\"", "Flatten name must be letters, digits");
    }

    @Test
    void shapeInferenceErrorsPointAtTheLayerTheyName() {
        assertLayerError("    {\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 9}",
                "network.layers[0]", "{", "conv1: kernel 9 with padding 0 shrinks 8x8 input below 1x1");
    }

    @Test
    void nestedPathsThroughResidualBodiesAndProjections() {
        String body = "    {\"type\": \"Residual\", \"name\": \"block\", \"body\": {\"layers\": "
                + "[{\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": [3]}]}, "
                + "\"shortcut\": {\"type\": \"Identity\"}}";
        assertLayerError(body, "network.layers[0].body.layers[0].kernel", "[3]", "expected an integer, got an array");

        String projection = "    {\"type\": \"Residual\", \"name\": \"block\", \"body\": {\"layers\": "
                + "[{\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 1}]}, "
                + "\"shortcut\": {\"type\": \"Projection\", \"layers\": [{\"type\": \"Conv2d\", \"name\": \"conv\", "
                + "\"filters\": true, \"kernel\": 1}]}}";
        assertLayerError(projection, "network.layers[0].shortcut.layers[0].filters", "true",
                "expected an integer, got a boolean true");
    }

    @Test
    void residualShapeMismatchPointsAtTheResidual() {
        String layer = "    {\"type\": \"Residual\", \"name\": \"block\", \"body\": {\"layers\": "
                + "[{\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 1}]}, "
                + "\"shortcut\": {\"type\": \"Identity\"}}";
        assertLayerError(layer, "network.layers[0]", "{", "block: residual branches must agree in shape to be added: "
                + "body gives 4x8x8 but the identity shortcut gives 3x8x8");
    }

    @Test
    void shapeErrorInsideAProjectionPointsAtThatLayer() {
        String layer = "    {\"type\": \"Residual\", \"name\": \"block\", \"body\": {\"layers\": "
                + "[{\"type\": \"Conv2d\", \"name\": \"conv1\", \"filters\": 4, \"kernel\": 1}]}, "
                + "\"shortcut\": {\"type\": \"Projection\", \"layers\": [{\"type\": \"Conv2d\", \"name\": \"conv\", "
                + "\"filters\": 4, \"kernel\": 10}]}}";
        assertLayerError(layer, "network.layers[0].shortcut.layers[0]", "{\"type\": \"Conv2d\", \"name\": \"conv\"",
                "block.shortcut.conv: kernel 10 with padding 0 shrinks 8x8 input below 1x1");
    }

    @Test
    void unknownShortcutTypeAndBadResidualActivation() {
        String shortcut = "    {\"type\": \"Residual\", \"name\": \"block\", \"body\": {\"layers\": "
                + "[{\"type\": \"Flatten\", \"name\": \"f\"}]}, \"shortcut\": {\"type\": \"Skip\"}}";
        assertLayerError(shortcut, "network.layers[0].shortcut.type", "\"Skip\"",
                "unknown shortcut type 'Skip'; expected one of Identity, ZeroPad, Projection");

        String activation = "    {\"type\": \"Residual\", \"name\": \"block\", \"activation\": 5, \"body\": {\"layers\": "
                + "[{\"type\": \"Flatten\", \"name\": \"f\"}]}, \"shortcut\": {\"type\": \"Identity\"}}";
        assertLayerError(activation, "network.layers[0].activation", "5,",
                "expected one of relu, tanh, sigmoid, none, got an integer 5");
    }

    @Test
    void zeroPadShortcutRuleComesThrough() {
        String layer = "    {\"type\": \"Residual\", \"name\": \"block\", \"body\": {\"layers\": "
                + "[{\"type\": \"Flatten\", \"name\": \"f\"}]}, \"shortcut\": {\"type\": \"ZeroPad\", \"stride\": 0, "
                + "\"outChannels\": 4}}";
        assertLayerError(layer, "network.layers[0].shortcut", "{\"type\": \"ZeroPad\"",
                "zero-pad shortcut: stride and outChannels must be >= 1, got 0 and 4");
    }

    @Test
    void networkThatDoesNotEndInTheClassesPointsAtTheNetwork() {
        String json = withLayer("    {\"type\": \"Flatten\", \"name\": \"first\"}").replace("\"units\": 2", "\"units\": 3");
        assertLocated(error(json), "network", 5, 14, "bad: the network must end in 2 logits (flat 2) but gives 3");
    }

    @Test
    void topLevelFields() {
        String valid = withLayer("    {\"type\": \"Flatten\", \"name\": \"first\"}");
        assertLocated(error(valid.replace("\"classes\": 2", "\"classes\": 0")), "classes", 4, 14,
                "expected an integer >= 1, got 0");
        assertLocated(error(valid.replace("\"classes\": 2", "\"classes\": \"ten\"")), "classes", 4, 14,
                "expected an integer, got string \"ten\"");
        assertLocated(error(valid.replace("  \"name\": \"bad\",\n", "")), "name", 1, 1,
                "missing field 'name' in an architecture");
        assertLocated(error(valid.replace("\"classes\"", "\"clases\"")), "clases", 4, 3,
                "unknown field 'clases' in an architecture; expected only formatVersion, name, description, input, "
                        + "classes, network");
        assertLocated(error(valid.replace("{\n  \"name\"", "{\n  \"formatVersion\": 2, \"name\"")), "formatVersion",
                2, 20, "unsupported formatVersion 2: this zoo reads formatVersion 1");
        assertLocated(error(valid.replace("\"network\": {\"layers\"", "\"network\": {\"type\": \"Residual\", \"layers\"")),
                "network.type", 5, 23, "expected \"Sequential\" (or no type) for the network, got string \"Residual\"");
    }

    @Test
    void inputShape() {
        String valid = withLayer("    {\"type\": \"Flatten\", \"name\": \"first\"}");
        assertLocated(error(valid.replace("[3, 8, 8]", "[3, 0, 8]")), "input[1]", 3, 16,
                "expected a dimension >= 1, got 0");
        assertLocated(error(valid.replace("[3, 8, 8]", "[3, 8]")), "input", 3, 12,
                "expected the input shape of one example as [channels, height, width], [features] or \"CxHxW\", "
                        + "every dimension >= 1, got 2 dimensions [3, 8]");
        assertLocated(error(valid.replace("[3, 8, 8]", "\"3by8\"")), "input", 3, 12, "got string \"3by8\"");
        assertThat(ArchitectureJson.fromJson(valid.replace("[3, 8, 8]", "\"3x8x8\""), SOURCE))
                .isEqualTo(ArchitectureJson.fromJson(valid, SOURCE));
    }

    @Test
    void malformedJsonGivesTheParsersLineAndColumn() {
        String json = withLayer("    {\"type\": \"Flatten\" \"name\": \"first\"}");
        ArchitectureFormatException e = error(json);
        assertThat(e.field()).isEmpty();
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.column()).isEqualTo(24);
        assertThat(e.problem()).startsWith("malformed JSON: Unexpected character ('\"'");
    }

    @Test
    void truncatedJson() {
        ArchitectureFormatException e = error("{\n  \"name\": \"cut\",\n  \"network\": {\"layers\": [");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("malformed JSON: Unexpected end-of-input");
    }

    @Test
    void emptyTrailingAndNonObjectDocuments() {
        assertLocated(error(""), "", 1, 1, "expected a JSON object, got an empty file");
        assertLocated(error("  // only a comment\n"), "", 1, 1, "expected a JSON object, got an empty file");
        assertLocated(error("[1, 2]"), "", 1, 1, "expected an architecture as a JSON object, got an array");
        assertLocated(error(withLayer("    {\"type\": \"Flatten\", \"name\": \"first\"}") + "{}"), "", 11, 1,
                "expected the end of the file after the top-level value, got more content");
    }

    @Test
    void readingAFileNamesThatFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, "{\"name\": 7}");

        assertThatThrownBy(() -> ArchitectureJson.read(file))
                .isInstanceOf(ArchitectureFormatException.class)
                .hasMessage(file + ":1:10: name: expected a string, got an integer 7");
    }

    @Test
    void invalidUtf8IsAParseErrorWithALine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '\n', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'});

        ArchitectureFormatException e = catchThrowableOfType(ArchitectureFormatException.class,
                () -> ArchitectureJson.read(file));

        assertThat(e.line()).isEqualTo(2);
        assertThat(e.problem()).contains("Invalid UTF-8");
    }

    @Test
    void missingFileIsAnIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> ArchitectureJson.read(dir.resolve("absent.json")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent.json");
    }
}

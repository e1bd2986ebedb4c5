package dev.zoo.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into {@link SourceNode}s with Jackson's streaming parser, keeping each value's
 * line and column. Comments ({@code //} and {@code /* *\/}) are allowed, since people annotate
 * networks they write by hand; duplicate field names are rejected.
 */
final class SourceTree {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private final String source;
    private final JsonParser parser;

    private SourceTree(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /** Parses one JSON document from UTF-8 (or UTF-16/32, detected) bytes. */
    static SourceNode parse(byte[] json, String source) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return new SourceTree(source, parser).document();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ArchitectureFormatException(source, "", at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    private SourceNode document() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new ArchitectureFormatException(source, "", 1, 1, "expected a JSON object, got an empty file");
        }
        SourceNode root = value("", null);
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new ArchitectureFormatException(source, "", at.getLineNr(), at.getColumnNr(),
                    "expected the end of the file after the top-level value, got more content");
        }
        return root;
    }

    /** Reads the value at the current token; {@code key} is the location of its field name, if any. */
    private SourceNode value(String path, JsonLocation key) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int keyLine = key == null ? at.getLineNr() : key.getLineNr();
        int keyColumn = key == null ? at.getColumnNr() : key.getColumnNr();
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(path, at, keyLine, keyColumn);
            case START_ARRAY -> array(path, at, keyLine, keyColumn);
            case VALUE_STRING -> scalar(SourceNode.Kind.STRING, path, at, keyLine, keyColumn, parser.getText());
            case VALUE_NUMBER_INT -> scalar(SourceNode.Kind.INTEGER, path, at, keyLine, keyColumn,
                    parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                            : (Object) parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> scalar(SourceNode.Kind.DECIMAL, path, at, keyLine, keyColumn,
                    parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> scalar(SourceNode.Kind.BOOLEAN, path, at, keyLine, keyColumn,
                    token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> scalar(SourceNode.Kind.NULL, path, at, keyLine, keyColumn, null);
            default -> throw new ArchitectureFormatException(source, path, at.getLineNr(), at.getColumnNr(),
                    "expected a JSON value, got " + token);
        };
    }

    private SourceNode object(String path, JsonLocation at, int keyLine, int keyColumn) throws IOException {
        Map<String, SourceNode> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonLocation key = parser.currentTokenLocation();
            String childPath = SourceNode.childPath(path, name);
            if (fields.containsKey(name)) {
                throw new ArchitectureFormatException(source, childPath, key.getLineNr(), key.getColumnNr(),
                        "duplicate field '" + name + "' (first given on line " + fields.get(name).keyLine() + ")");
            }
            parser.nextToken();
            fields.put(name, value(childPath, key));
        }
        return new SourceNode(SourceNode.Kind.OBJECT, path, at.getLineNr(), at.getColumnNr(), keyLine, keyColumn,
                Collections.unmodifiableMap(fields), List.of(), null);
    }

    private SourceNode array(String path, JsonLocation at, int keyLine, int keyColumn) throws IOException {
        List<SourceNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(SourceNode.itemPath(path, items.size()), null));
        }
        return new SourceNode(SourceNode.Kind.ARRAY, path, at.getLineNr(), at.getColumnNr(), keyLine, keyColumn,
                Map.of(), Collections.unmodifiableList(items), null);
    }

    private static SourceNode scalar(SourceNode.Kind kind, String path, JsonLocation at, int keyLine,
                                     int keyColumn, Object value) {
        return new SourceNode(kind, path, at.getLineNr(), at.getColumnNr(), keyLine, keyColumn, Map.of(),
                List.of(), value);
    }
}

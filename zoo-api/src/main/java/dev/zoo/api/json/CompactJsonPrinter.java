package dev.zoo.api.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Indents JSON for people: an object or array holding only scalars stays on one line, so each
 * layer of a network reads as one line ({@code {"type": "Conv2d", "name": "conv1", ...}}) and a
 * ResNet file stays short enough to edit by hand.
 */
final class CompactJsonPrinter {

    private static final ObjectMapper SCALARS = new ObjectMapper();
    private static final String INDENT = "  ";

    private CompactJsonPrinter() {
    }

    static String print(JsonNode node) {
        StringBuilder out = new StringBuilder();
        value(node, "", out);
        return out.append('\n').toString();
    }

    private static void value(JsonNode node, String indent, StringBuilder out) {
        if (!node.isContainerNode()) {
            out.append(scalar(node));
        } else if (isFlat(node)) {
            flat(node, out);
        } else if (node.isObject()) {
            out.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(indent).append(INDENT).append(scalar(SCALARS.getNodeFactory().textNode(field.getKey())))
                        .append(": ");
                value(field.getValue(), indent + INDENT, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else {
            out.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                out.append(indent).append(INDENT);
                value(node.get(i), indent + INDENT, out);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        }
    }

    private static boolean isFlat(JsonNode node) {
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static void flat(JsonNode node, StringBuilder out) {
        boolean object = node.isObject();
        out.append(object ? '{' : '[');
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        Iterator<JsonNode> items = node.elements();
        String separator = "";
        while (items.hasNext()) {
            out.append(separator);
            if (object) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(scalar(SCALARS.getNodeFactory().textNode(field.getKey()))).append(": ");
            }
            out.append(scalar(items.next()));
            separator = ", ";
        }
        out.append(object ? '}' : ']');
    }

    private static String scalar(JsonNode node) {
        try {
            return SCALARS.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON value " + node, e);
        }
    }
}

package dev.zoo.api.json;

import java.util.List;
import java.util.Map;

/**
 * One JSON value as it was read, with its JSON path and where it starts in the source. Jackson's
 * own tree forgets locations, and an error in a hand-written file is only useful with a line.
 *
 * @param kind    what kind of value this is
 * @param path    the JSON path, such as {@code network.layers[3].kernel} (empty for the root)
 * @param line    1-based line of the value's first character
 * @param column  1-based column of the value's first character
 * @param keyLine line of the field name that holds this value (the value's line for array items)
 * @param keyColumn column of that field name
 * @param fields  an object's fields in source order (empty otherwise)
 * @param items   an array's items (empty otherwise)
 * @param scalar  a scalar's value: {@link String}, {@link Long} (integer that fits),
 *                {@link java.math.BigInteger}, {@link Double} or {@link Boolean}; null otherwise
 */
record SourceNode(Kind kind, String path, int line, int column, int keyLine, int keyColumn,
                  Map<String, SourceNode> fields, List<SourceNode> items, Object scalar) {

    enum Kind {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), INTEGER("an integer"),
        DECIMAL("a decimal number"), BOOLEAN("a boolean"), NULL("null");

        private final String article;

        Kind(String article) {
            this.article = article;
        }
    }

    /** How the value reads in an error message: {@code string "3"}, {@code an object}, {@code 3.5}. */
    String describe() {
        return switch (kind) {
            case STRING -> "string \"" + scalar + "\"";
            case INTEGER, DECIMAL, BOOLEAN -> kind.article + " " + scalar;
            default -> kind.article;
        };
    }

    static String childPath(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String itemPath(String parent, int index) {
        return parent + "[" + index + "]";
    }
}

package dev.zoo.api.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to the fields of one JSON object of an architecture file. Every failure names the
 * field's JSON path, its line and column, and what was expected.
 */
final class ObjectFields {

    private final String source;
    private final SourceNode node;
    private final String what;

    private ObjectFields(String source, SourceNode node, String what) {
        this.source = source;
        this.node = node;
        this.what = what;
    }

    /** The object {@code node}, described as {@code what} (such as {@code "a Conv2d layer"}) in errors. */
    static ObjectFields of(String source, SourceNode node, String what) {
        if (node.kind() != SourceNode.Kind.OBJECT) {
            throw fail(source, node, "expected " + what + " as a JSON object, got " + node.describe());
        }
        return new ObjectFields(source, node, what);
    }

    static ArchitectureFormatException fail(String source, SourceNode at, String problem) {
        return new ArchitectureFormatException(source, at.path(), at.line(), at.column(), problem);
    }

    /** The same object, described as {@code what} from now on (once its type is known). */
    ObjectFields describedAs(String what) {
        return new ObjectFields(source, node, what);
    }

    SourceNode node() {
        return node;
    }

    /** Fails at the first field that is not in {@code known}, listing the fields that are. */
    ObjectFields allowOnly(String... known) {
        List<String> allowed = Arrays.asList(known);
        for (SourceNode field : node.fields().values()) {
            String key = field.path().substring(field.path().lastIndexOf('.') + 1);
            if (!allowed.contains(key)) {
                throw new ArchitectureFormatException(source, field.path(), field.keyLine(), field.keyColumn(),
                        "unknown field '" + key + "' in " + what + "; expected only " + String.join(", ", allowed));
            }
        }
        return this;
    }

    boolean has(String key) {
        return node.fields().containsKey(key);
    }

    SourceNode required(String key) {
        SourceNode value = node.fields().get(key);
        if (value == null) {
            throw new ArchitectureFormatException(source, SourceNode.childPath(node.path(), key), node.line(),
                    node.column(), "missing field '" + key + "' in " + what);
        }
        return value;
    }

    int requiredInt(String key) {
        return toInt(required(key));
    }

    int optionalInt(String key, int fallback) {
        return has(key) ? requiredInt(key) : fallback;
    }

    double requiredDouble(String key) {
        SourceNode value = required(key);
        if (value.kind() == SourceNode.Kind.INTEGER || value.kind() == SourceNode.Kind.DECIMAL) {
            return ((Number) value.scalar()).doubleValue();
        }
        throw fail(source, value, "expected a number, got " + value.describe());
    }

    double optionalDouble(String key, double fallback) {
        return has(key) ? requiredDouble(key) : fallback;
    }

    boolean optionalBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        SourceNode value = required(key);
        if (value.kind() != SourceNode.Kind.BOOLEAN) {
            throw fail(source, value, "expected true or false, got " + value.describe());
        }
        return (Boolean) value.scalar();
    }

    String requiredString(String key) {
        return toText(required(key));
    }

    String optionalString(String key, String fallback) {
        return has(key) ? requiredString(key) : fallback;
    }

    /** One of {@code values}, given in any letter case and written in lower case. */
    <E extends Enum<E>> E requiredEnum(String key, E[] values) {
        return toEnum(required(key), values);
    }

    <E extends Enum<E>> E optionalEnum(String key, E[] values, E fallback) {
        return has(key) ? requiredEnum(key, values) : fallback;
    }

    /** A required field that holds an array. */
    List<SourceNode> requiredArray(String key) {
        SourceNode value = required(key);
        if (value.kind() != SourceNode.Kind.ARRAY) {
            throw fail(source, value, "expected an array, got " + value.describe());
        }
        return value.items();
    }

    int toInt(SourceNode value) {
        if (value.kind() == SourceNode.Kind.INTEGER && value.scalar() instanceof Long n
                && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        String expected = value.kind() == SourceNode.Kind.INTEGER ? "an integer that fits 32 bits" : "an integer";
        throw fail(source, value, "expected " + expected + ", got " + value.describe());
    }

    String toText(SourceNode value) {
        if (value.kind() != SourceNode.Kind.STRING) {
            throw fail(source, value, "expected a string, got " + value.describe());
        }
        return (String) value.scalar();
    }

    <E extends Enum<E>> E toEnum(SourceNode value, E[] values) {
        List<String> names = Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        if (value.kind() == SourceNode.Kind.STRING) {
            int index = names.indexOf(((String) value.scalar()).toLowerCase(Locale.ROOT));
            if (index >= 0) {
                return values[index];
            }
        }
        throw fail(source, value, "expected one of " + String.join(", ", names) + ", got " + value.describe());
    }
}

package dev.zoo.api.spec;

import java.util.regex.Pattern;

/** The rule for node names: a path segment of letters, digits, '_' and '-'. */
final class Names {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_\\-]+");

    private Names() {
    }

    static String check(String kind, String name) {
        if (name == null || !SEGMENT.matcher(name).matches()) {
            throw new SpecException(name == null ? "?" : name,
                    kind + " name must be letters, digits, '_' or '-' (no dots: the path is built from the tree), got '"
                            + name + "'");
        }
        return name;
    }

    static void positive(String name, String what, int value) {
        if (value < 1) {
            throw new SpecException(name, what + " must be >= 1, got " + value);
        }
    }

    static void nonNegative(String name, String what, int value) {
        if (value < 0) {
            throw new SpecException(name, what + " must be >= 0, got " + value);
        }
    }
}

package dev.zoo.cli;

import dev.zoo.api.json.ArchitectureJson;
import dev.zoo.api.spec.Architecture;
import dev.zoo.api.spec.Shape;
import dev.zoo.api.zoo.HeadOption;
import dev.zoo.api.zoo.ShortcutOption;
import dev.zoo.api.zoo.ZooOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The network a new run trains: a zoo model by name in the form {@code shortcut} and {@code head}
 * pick (null shortcut: the model's default), or an architecture file. Exactly one of {@code name}
 * and {@code file}; a file's network is trained as written, so the zoo options do not apply to it.
 */
public record ModelChoice(String name, Path file, ShortcutOption shortcut, HeadOption head) {

    public ModelChoice {
        head = head == null ? HeadOption.AUTO : head;
        if ((name == null) == (file == null)) {
            throw new IllegalArgumentException(name == null ? "give a model NAME or --file FILE"
                    : "give either NAME (" + name + ") or --file (" + file + "), not both");
        }
        if (file != null && (shortcut != null || head != HeadOption.AUTO)) {
            throw new IllegalArgumentException("--shortcut and --head pick a form of a zoo model NAME and cannot change"
                    + " an architecture file (" + file + "); write a new file with 'zoo arch NAME --shortcut ... --head"
                    + " ...'");
        }
    }

    /** The zoo model {@code name} in its default form. */
    public static ModelChoice zoo(String name) {
        return new ModelChoice(name, null, null, HeadOption.AUTO);
    }

    /** The network of an architecture file. */
    public static ModelChoice file(Path file) {
        return new ModelChoice(null, file, null, HeadOption.AUTO);
    }

    /**
     * The architecture for data of {@code input} examples and {@code classes} classes: the zoo
     * model built for them, or the file's network, which must take exactly that input and classes.
     */
    Architecture build(ModelBuilder zoo, Shape input, int classes) {
        if (name != null) {
            return zoo.build(name, new ZooOptions(input, classes, shortcut, head));
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--file " + file + ": " + (Files.isDirectory(file) ? "is a directory"
                    : "no such file") + "; give an architecture file (write one with 'zoo arch NAME > FILE')");
        }
        Architecture a;
        try {
            a = ArchitectureJson.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("--file " + file + ": cannot read: " + e.getMessage(), e);
        }
        if (!a.input().equals(input) || a.classes() != classes) {
            throw new IllegalArgumentException("--file " + file + ": the architecture takes input " + a.input()
                    + " and " + a.classes() + " classes, but the data gives " + input + " and " + classes
                    + " classes; edit the file's \"input\" and \"classes\"");
        }
        return a;
    }
}

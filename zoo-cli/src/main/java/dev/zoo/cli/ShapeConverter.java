package dev.zoo.cli;

import dev.zoo.api.spec.Shape;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --input 3x32x32}. */
final class ShapeConverter implements ITypeConverter<Shape> {
    @Override
    public Shape convert(String value) {
        try {
            return Shape.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

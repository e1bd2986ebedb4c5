/**
 * The JSON form of an {@link dev.zoo.api.spec.Architecture}: written by the zoo, readable and
 * writable by hand, and read back with errors that name the file, the field, the line and the
 * expectation. The format is described in {@code docs/architecture-format.md}.
 */
package dev.zoo.api.json;

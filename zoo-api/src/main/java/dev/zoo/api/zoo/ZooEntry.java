package dev.zoo.api.zoo;

import dev.zoo.api.spec.Shape;

/**
 * One registered zoo model as a listing shows it.
 *
 * @param name           the registry name ({@code resnet20})
 * @param description    one line: what it is and where it comes from
 * @param defaultInput   the input used when the user gives none
 * @param defaultClasses the class count used when the user gives none
 * @param paper          link to the paper that defines it; empty for the lesson CNN
 */
public record ZooEntry(String name, String description, Shape defaultInput, int defaultClasses, String paper) {
}

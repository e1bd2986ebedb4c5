/**
 * Readers for the published file formats (CIFAR-10/100 binary, IDX, image folders) into
 * {@link dev.zoo.datasets.format.LabeledImages}, checking sizes, counts, magic numbers and label
 * ranges on every load.
 */
package dev.zoo.datasets.format;

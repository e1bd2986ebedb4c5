/**
 * The datasets of the zoo (CIFAR-10, CIFAR-100, Fashion-MNIST, MNIST, image folders): found on
 * disk or downloaded and verified, checked on every load, and served to any backend as the
 * neutral {@link dev.zoo.api.data.BatchSource}. Start at {@link dev.zoo.datasets.Datasets}.
 */
package dev.zoo.datasets;

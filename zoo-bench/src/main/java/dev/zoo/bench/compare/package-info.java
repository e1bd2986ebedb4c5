/**
 * {@code zoo compare}: the same recipe trained on several backends, each in its own JVM, and the
 * report of their accuracy, speed and memory side by side.
 */
package dev.zoo.bench.compare;

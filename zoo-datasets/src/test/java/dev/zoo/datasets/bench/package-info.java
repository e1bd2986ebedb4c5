/** JMH benchmarks of the input pipeline; run them with {@code ./mvnw -q -pl zoo-datasets -am -Pjmh test-compile}. */
package dev.zoo.datasets.bench;

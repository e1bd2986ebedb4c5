/** The engines together in one JVM. */
package dev.zoo.bench.onejvm;

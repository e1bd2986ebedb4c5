/**
 * Measurement aids shared by the comparison: the hand-written reference networks of each engine,
 * resident memory from {@code /proc}, and the long-run memory and SGD-step benchmarks. The
 * comparison itself ({@code zoo compare}) is in {@link dev.zoo.bench.compare}.
 */
package dev.zoo.bench;

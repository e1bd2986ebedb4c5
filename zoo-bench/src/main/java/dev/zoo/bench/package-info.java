/**
 * Benchmarks that print how they measured: training throughput of compiled versus hand-written
 * networks, resident memory over long runs, and accuracy on real data.
 */
package dev.zoo.bench;

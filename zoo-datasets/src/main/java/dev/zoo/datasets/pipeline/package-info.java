/**
 * The input pipeline: selection of examples (subsets, validation split), seeded shuffling and
 * per-example augmentation that depend only on seed, epoch and example (so every backend and every
 * resumed run sees the same batches), normalisation, batching and bounded background prefetch.
 */
package dev.zoo.datasets.pipeline;

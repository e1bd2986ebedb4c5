/**
 * Contract tests every backend runs unchanged: extend {@link dev.zoo.testkit.BackendContract}
 * (shapes, parameters, weights round trip, gradients) and {@link dev.zoo.testkit.TrainingContract}
 * (determinism, resume, NaN guard, checkpoints), returning the backend under test.
 */
package dev.zoo.testkit;

/**
 * What every engine computes the same way, written once over an engine's {@link dev.zoo.api.engine.Arithmetic}:
 * the optimiser rule and its state layout, and batch norm's running statistics. A backend supplies
 * the tensor arithmetic only.
 */
package dev.zoo.api.engine;

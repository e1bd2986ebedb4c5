/**
 * The neutral training loop every backend shares: configuration, learning-rate schedules,
 * evaluation, listeners (metrics, gradient norms, progress), atomic checkpoints and resume.
 */
package dev.zoo.api.train;

/**
 * The classic lesson as runnable programs: {@link dev.zoo.examples.LessonCnn} (the lesson's small
 * CNN on real data), {@link dev.zoo.examples.ClassicNetworks} (AlexNet, VGG and ResNet side by side)
 * and {@link dev.zoo.examples.VanishingGradients} (a plain deep stack against its residual twin).
 * Each takes {@code --backend} and finds the engine by id, so the same lesson runs on every backend.
 */
package dev.zoo.examples;

/**
 * The {@code tensorflow} backend: zoo architectures compiled into TensorFlow Java graphs (NHWC
 * inside, canonical NCHW/OIHW weights outside) whose gradients come from {@code Graph.addGradients}.
 */
package dev.zoo.tensorflow;

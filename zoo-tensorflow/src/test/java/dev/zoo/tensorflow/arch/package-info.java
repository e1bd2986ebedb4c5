/** Architecture rules of zoo-tensorflow. */
package dev.zoo.tensorflow.arch;

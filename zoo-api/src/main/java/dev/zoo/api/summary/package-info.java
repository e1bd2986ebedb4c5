/**
 * What a network costs before any engine runs it: per-layer output shapes, parameters and
 * multiply-accumulates, the Keras-style summary table and its JSON form.
 */
package dev.zoo.api.summary;

/** Named float tensors in the canonical layout, their files and seeded initial values. */
package dev.zoo.api.weights;

/** Immutable, validated descriptions of networks: layers, composites, shapes and parameters. */
package dev.zoo.api.spec;

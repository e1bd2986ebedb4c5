/**
 * Keras in: a functional or Sequential model config turned into a zoo architecture, and Keras
 * HDF5 weights into canonical weights (HWIO to OIHW, NHWC flatten order to NCHW).
 */
package dev.zoo.importer.keras;

/** The neutral form in which data reaches every backend: batches of NCHW floats and labels. */
package dev.zoo.api.data;

/**
 * What the zoo knows about each dataset (files, record counts, class names, published statistics,
 * canonical download with MD5) and where to look for it on disk.
 */
package dev.zoo.datasets.catalog;

/**
 * Getting a dataset that is not on disk: download from the canonical URL with progress, MD5
 * verification, extraction, a full read check, and an atomic move into the cache, so the cache
 * never holds a half-written dataset.
 */
package dev.zoo.datasets.fetch;

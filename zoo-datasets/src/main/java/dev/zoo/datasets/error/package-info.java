/**
 * The typed errors of zoo-datasets: every one names the file, the offset or field, the rule, the
 * expected and the actual value, so a corrupt download never trains silently.
 */
package dev.zoo.datasets.error;

/**
 * Contract tests every backend runs unchanged: extend {@link dev.zoo.testkit.BackendContract}
 * and return the backend under test.
 */
package dev.zoo.testkit;

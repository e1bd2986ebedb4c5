/** Contract tests every backend runs unchanged, by extending an abstract JUnit 5 class. */
package dev.zoo.testkit;

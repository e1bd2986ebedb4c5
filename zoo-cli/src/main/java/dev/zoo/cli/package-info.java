/** The {@code zoo} command line: one picocli subcommand per task, registered in {@link dev.zoo.cli.ZooCommand}. */
package dev.zoo.cli;

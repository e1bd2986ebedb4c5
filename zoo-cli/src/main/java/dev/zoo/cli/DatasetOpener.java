package dev.zoo.cli;

/** Opens the data of a run; bound by {@link ZooModule}, replaced in tests. */
public interface DatasetOpener {

    OpenedData open(DataSettings settings);
}

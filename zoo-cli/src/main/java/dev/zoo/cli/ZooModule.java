package dev.zoo.cli;

import com.google.inject.AbstractModule;

/**
 * Wires the zoo application: datasets from {@code zoo-datasets}, backends from the class path,
 * architectures from the zoo.
 * An application gets the whole thing with
 * {@code Guice.createInjector(new ZooModule()).getInstance(ZooApp.class)}, and a test swaps a
 * binding with {@code Modules.override}.
 */
public final class ZooModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DatasetOpener.class).to(ZooDatasetOpener.class);
        bind(BackendFinder.class).to(BackendFinder.OnClassPath.class);
        bind(ModelBuilder.class).to(ModelBuilder.FromZoo.class);
    }
}

package dev.zoo.cli;

import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.Dataset;
import dev.zoo.datasets.Datasets;
import dev.zoo.datasets.pipeline.ExampleTransform;

/**
 * Opens datasets through {@code zoo-datasets}. Image files for prediction are decoded at the
 * dataset's stored size, then padded and normalised by the same transform as its test split.
 */
public final class ZooDatasetOpener implements DatasetOpener {

    @Override
    public OpenedData open(DataSettings settings) {
        Dataset ds = Datasets.open(settings.dataset(), settings.options());
        return new OpenedData(ds.train(), ds.test(), new OpenedData.ImagePreparer() {
            private ExampleTransform transform;

            @Override
            public float[] prepare(java.nio.file.Path file) {
                if (transform == null) {
                    Shape stored = settings.padTo() == 0 ? ds.itemShape()
                            : Datasets.open(settings.dataset(), settings.options().padTo(0)).itemShape();
                    transform = new ExampleTransform(stored, settings.padTo(), false, ds.normalization());
                }
                float[] out = new float[(int) ds.itemShape().size()];
                transform.apply(ImageFiles.read(file, transform.inputShape()), 0, out, 0, 0);
                return out;
            }
        });
    }
}

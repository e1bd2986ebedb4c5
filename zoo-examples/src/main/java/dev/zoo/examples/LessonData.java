package dev.zoo.examples;

import dev.zoo.api.data.BatchSource;
import dev.zoo.api.spec.Shape;
import dev.zoo.datasets.DataOptions;
import dev.zoo.datasets.Dataset;
import dev.zoo.datasets.Datasets;
import java.util.List;

/**
 * The data of one lesson run: the first {@code trainLimit} training and {@code testLimit} test
 * examples of a real dataset, normalised, in a seeded order.
 *
 * @param description where the data came from and how much of it is used, for the printout
 */
public record LessonData(BatchSource train, BatchSource test, List<String> classNames, String description) {

    /**
     * Opens {@code options.dataset()} (looked for in {@code --data-dir}, {@code $ZOO_DATA}, the zoo
     * cache and {@code /usr/share/datasets}).
     *
     * @param trainLimit training examples to use (0: all)
     * @param testLimit  test examples to score on (0: all)
     */
    public static LessonData open(LessonOptions options, int trainLimit, int testLimit) {
        DataOptions base = DataOptions.defaults().dataDir(options.dataDir()).seed(options.seed());
        Dataset train = Datasets.open(options.dataset(), base.limit(trainLimit));
        BatchSource test = testLimit == trainLimit ? train.test() : Datasets.open(options.dataset(), base.limit(testLimit)).test();
        String description = train.name() + " from " + train.location() + ": " + train.train().size() + " training and "
                + test.size() + " test images of " + train.itemShape() + ", " + train.classNames().size() + " classes";
        return new LessonData(train.train(), test, train.classNames(), description);
    }

    public Shape itemShape() {
        return train.itemShape();
    }

    public int classes() {
        return classNames.size();
    }
}

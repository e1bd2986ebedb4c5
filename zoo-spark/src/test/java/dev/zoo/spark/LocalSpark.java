package dev.zoo.spark;

import org.apache.spark.api.java.JavaSparkContext;

/** An embedded Spark for tests: {@code local[2,4]}, two task threads, and a task may fail 3 times. */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start() {
        return SparkContexts.open("local[2,4]", "zoo-spark-test");
    }
}

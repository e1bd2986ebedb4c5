package dev.zoo.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** An embedded Spark for tests: {@code local[2,4]} (two task threads, a task may fail 3 times), no web UI. */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start() {
        return new JavaSparkContext(new SparkConf().setMaster("local[2,4]").setAppName("zoo-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }
}

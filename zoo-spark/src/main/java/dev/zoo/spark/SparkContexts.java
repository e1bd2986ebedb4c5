package dev.zoo.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Opens the Spark context a training run uses. Under {@code spark-submit} the master and the rest
 * come from the submit command ({@code master} may then be null); an embedded {@code local[N]}
 * master runs without the web UI and on the loopback interface, so it needs no set-up at all.
 */
public final class SparkContexts {

    private SparkContexts() {
    }

    public static JavaSparkContext open(String master, String appName) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("spark: no master: give --spark MASTER (local[2], spark://host:7077, yarn,"
                    + " k8s://...) or run under spark-submit --master");
        }
        // what a round broadcasts is float32 weights, noise to lz4: compressing costs time and saves ~10%
        conf.setIfMissing("spark.broadcast.compress", "false");
        // a task's result is the weights and optimiser state (2.2 MB for ResNet-20, 118 MB for VGG-16):
        // above 1 MB (the default) Spark parks it in the block manager and the driver fetches it in a
        // second trip; sent with the status update instead (up to the RPC limit, 128 MB), a lesson_cnn
        // round on local[2] took 106 ms instead of 168 ms
        conf.setIfMissing("spark.task.maxDirectResultSize", conf.get("spark.rpc.message.maxSize", "128") + "m");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(conf);
    }
}

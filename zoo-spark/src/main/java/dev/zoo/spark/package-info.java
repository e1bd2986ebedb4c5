/**
 * Data-parallel training of any zoo architecture on any backend with Apache Spark as the cluster
 * engine: each round the driver broadcasts weights and optimiser state, every task trains its shard
 * of the round's batch on its own copy of the network, and the results are averaged with
 * {@code treeReduce}. Spark schedules the tasks, moves the bytes and retries failures; zoo adds no
 * scheduler or RPC of its own. See {@link dev.zoo.spark.SparkBackend}.
 */
package dev.zoo.spark;

package dev.zoo.spark;

import dev.zoo.api.backend.Network;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The compiled networks idle in this JVM, per training run. A task borrows one for its shard (or
 * compiles one when all are busy) and gives it back, so an executor compiles a network once per
 * concurrent task rather than once per round, and two tasks never share one.
 */
final class WorkerNetworks {

    private static final Map<String, Deque<Network>> IDLE = new ConcurrentHashMap<>();

    private WorkerNetworks() {
    }

    static Network borrow(WorkerJob job) {
        Network n = IDLE.computeIfAbsent(job.run(), k -> new ConcurrentLinkedDeque<>()).poll();
        return n != null ? n : job.compile();
    }

    static void giveBack(WorkerJob job, Network network) {
        IDLE.computeIfAbsent(job.run(), k -> new ConcurrentLinkedDeque<>()).push(network);
    }

    /** Closes the idle networks of {@code run} in this JVM (in local mode, the workers' networks). */
    static void closeAll(String run) {
        Deque<Network> idle = IDLE.remove(run);
        if (idle != null) {
            idle.forEach(Network::close);
        }
    }

    /** How many networks of {@code run} are idle in this JVM. */
    static int idle(String run) {
        Deque<Network> idle = IDLE.get(run);
        return idle == null ? 0 : idle.size();
    }
}

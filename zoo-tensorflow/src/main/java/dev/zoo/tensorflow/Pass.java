package dev.zoo.tensorflow;

/**
 * Which forward pass a block builds. The passes share the variables; only the behaviour of dropout
 * and batch norm differs.
 */
enum Pass {
    /** Training step: dropout masks on, batch norm on batch statistics that update the running ones. */
    TRAIN(true, true),
    /** Gradient checks: batch norm on batch statistics, no dropout, nothing updated. */
    PROBE(true, false),
    /** Inference: no dropout, batch norm on the running statistics. */
    EVAL(false, false);

    private final boolean batchStatistics;
    private final boolean dropout;

    Pass(boolean batchStatistics, boolean dropout) {
        this.batchStatistics = batchStatistics;
        this.dropout = dropout;
    }

    boolean batchStatistics() {
        return batchStatistics;
    }

    boolean dropout() {
        return dropout;
    }
}

package dev.zoo.api.train;

import java.util.Map;

/**
 * The {@code checkpoint.json} of a checkpoint directory: the training state, the SHA-256 of each
 * tensor file and a checksum over all of it, so a changed byte anywhere is detected on load.
 */
record CheckpointManifest(String format, int version, String backend, String architecture, long step, int epoch,
        int nextBatch, long seed, Map<String, String> sha256, String checksum) {

    static final String FORMAT = "zoo-checkpoint";
    static final int VERSION = 1;

    static CheckpointManifest of(TrainingState s, Map<String, String> sha256) {
        CheckpointManifest unsigned = new CheckpointManifest(FORMAT, VERSION, s.backendId(), s.architecture(), s.step(),
                s.epoch(), s.nextBatch(), s.seed(), Map.copyOf(sha256), "");
        return new CheckpointManifest(FORMAT, VERSION, s.backendId(), s.architecture(), s.step(), s.epoch(),
                s.nextBatch(), s.seed(), unsigned.sha256, unsigned.expectedChecksum());
    }

    /** SHA-256 over every field but the checksum itself, file hashes in name order. */
    String expectedChecksum() {
        StringBuilder text = new StringBuilder().append(format).append('|').append(version).append('|').append(backend)
                .append('|').append(architecture).append('|').append(step).append('|').append(epoch).append('|')
                .append(nextBatch).append('|').append(seed);
        new java.util.TreeMap<>(sha256).forEach((k, v) -> text.append('|').append(k).append('=').append(v));
        return Sha256.of(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    TrainingState state() {
        return new TrainingState(backend, architecture, step, epoch, nextBatch, seed);
    }
}

package dev.zoo.api.train;

/**
 * Training stopped at a NaN or infinity: in a batch's input (checked before the step, since some
 * engines' ReLU turns NaN into 0 and would train on silently) or in a step's loss. The weights
 * after the bad step are never checkpointed.
 */
public class NonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String backendId;

    private NonFiniteException(String message, String backendId, long step) {
        super(message);
        this.step = step;
        this.backendId = backendId;
    }

    /** The loss of {@code step} was {@code loss}. */
    public static NonFiniteException loss(String backendId, long step, int epoch, int batch, double loss,
            String lastCheckpoint) {
        return new NonFiniteException("backend " + backendId + ": loss is " + loss + " at step " + step + " (epoch "
                + epoch + ", batch " + batch + "); training stopped, the loss must be finite. Lower the learning rate or"
                + " check the data. " + lastGood(lastCheckpoint), backendId, step);
    }

    /** Example {@code example} of the batch of {@code step} holds {@code value} at {@code index}. */
    public static NonFiniteException input(String backendId, long step, int epoch, int batch, int example, int index,
            float value, String lastCheckpoint) {
        return new NonFiniteException("backend " + backendId + ": input of step " + step + " (epoch " + epoch + ", batch "
                + batch + ") is " + value + " at example " + example + ", value " + index + "; training stopped before"
                + " the step, inputs must be finite. " + lastGood(lastCheckpoint), backendId, step);
    }

    private static String lastGood(String lastCheckpoint) {
        return lastCheckpoint == null ? "No checkpoint was written." : "The last good checkpoint is " + lastCheckpoint + ".";
    }

    /** The step that was stopped. */
    public long step() {
        return step;
    }

    public String backendId() {
        return backendId;
    }
}

package dev.zoo.api.train;

/** Training stopped because a step's loss was NaN or infinite; the weights after it are not saved. */
public class NonFiniteLossException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final String backendId;

    public NonFiniteLossException(String backendId, long step, int epoch, int batch, double loss, String lastCheckpoint) {
        super("backend " + backendId + ": loss is " + loss + " at step " + step + " (epoch " + epoch + ", batch " + batch
                + "); training stopped, the loss must be finite. Check the input data and lower the learning rate. "
                + (lastCheckpoint == null ? "No checkpoint was written." : "The last good checkpoint is " + lastCheckpoint + "."));
        this.step = step;
        this.backendId = backendId;
    }

    /** The step whose loss was not finite. */
    public long step() {
        return step;
    }

    public String backendId() {
        return backendId;
    }
}

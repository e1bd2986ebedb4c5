package dev.zoo.cli;

import dev.zoo.api.train.EpochEvent;
import dev.zoo.api.train.Evaluation;
import dev.zoo.api.train.StepEvent;
import dev.zoo.api.train.TrainingConfig;
import dev.zoo.api.train.TrainingListener;
import dev.zoo.api.train.TrainingState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on the console: on a terminal, one redrawn bar per epoch (drawn by the
 * {@code me.tongfei:progressbar} library, with loss, learning rate and images/s beside it); in a
 * file or a pipe, where a redrawn bar would be noise, a plain line every tenth of an epoch. One
 * summary line per epoch either way.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 30;
    private static final int REDRAW_MILLIS = 200;

    private final PrintStream out;
    private final boolean interactive;
    private int epochs;
    private me.tongfei.progressbar.ProgressBar bar;
    private int barEpoch = -1;
    private String placement = "";
    private String unit = "step";

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Says where the run trains ({@code on Spark local[2], 2 workers x batch 16, ...}): the start
     * line shows it, and each step of the loop is then counted as a round.
     */
    public void placement(String where) {
        placement = " " + where;
        unit = "round";
    }

    @Override
    public void onStart(TrainingConfig config, TrainingState state, long totalSteps) {
        epochs = config.epochs();
        out.printf(Locale.ROOT, "training %s on %s%s: %s, %s%s%n", state.architecture(), state.backendId(), placement,
                count(epochs, "epoch"), count(totalSteps, unit),
                state.step() > 0 ? ", resuming at step " + state.step() : "");
    }

    @Override
    public void onStep(StepEvent e) {
        boolean last = e.batch() + 1 == e.batchesPerEpoch() || e.step() + 1 == e.totalSteps();
        if (interactive) {
            draw(e);
        } else {
            long tenth = (e.batch() + 1) * 10L / e.batchesPerEpoch();
            if (tenth != e.batch() * 10L / e.batchesPerEpoch() || last) {
                out.println(line(e));
            }
        }
    }

    private void draw(StepEvent e) {
        if (bar == null || barEpoch != e.epoch()) {
            endLine();
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", e.epoch() + 1, epochs))
                    .setInitialMax(e.batchesPerEpoch()).setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1)
                    .setUpdateIntervalMillis(REDRAW_MILLIS).startsFrom(e.batch(), Duration.ZERO)
                    .setConsumer(new ConsoleProgressBarConsumer(out)).build();
            barEpoch = e.epoch();
        }
        bar.stepTo(e.batch() + 1L);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f lr %.4g %,.0f img/s", e.loss(), e.learningRate(),
                e.imagesPerSecond()));
    }

    /** One progress line: bar, counts, loss, rate, throughput and time left. */
    String line(StepEvent e) {
        double done = (e.batch() + 1) / (double) e.batchesPerEpoch();
        int filled = (int) Math.round(done * WIDTH);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + " ".repeat(WIDTH - filled);
        return String.format(Locale.ROOT, "epoch %d/%d [%s] %3.0f%% %d/%d%s loss %.4f lr %.4g %,.0f img/s ETA %s",
                e.epoch() + 1, epochs, bar, 100 * done, e.batch() + 1, e.batchesPerEpoch(),
                unit.equals("step") ? "" : " " + unit + "s", e.loss(), e.learningRate(),
                e.imagesPerSecond(), duration(e.etaSeconds()));
    }

    @Override
    public void onEpochEnd(EpochEvent e) {
        endLine();
        Evaluation v = e.evaluation();
        out.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f%s, %,.0f img/s, %.1f s%n", e.epoch() + 1, epochs,
                e.trainLoss(), v == null ? "" : String.format(Locale.ROOT, ", test loss %.4f, top-1 %.2f%%, top-5 %.2f%%",
                        v.loss(), 100 * v.top1(), 100 * v.top5()), e.imagesPerSecond(), e.seconds());
    }

    @Override
    public void onEnd(TrainingState state, RuntimeException failure) {
        endLine();
    }

    private void endLine() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** {@code 1 epoch}, {@code 3 epochs}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}

package dev.zoo.datasets.fetch;

import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws one console progress bar per downloaded file (on standard error). */
public final class ConsoleProgress implements ProgressListener {

    private final Map<String, ProgressBar> bars = new HashMap<>();

    @Override
    public synchronized void onProgress(String file, long done, long total) {
        ProgressBar bar = bars.computeIfAbsent(file, f -> new ProgressBarBuilder().setTaskName(f)
                .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1 << 20).showSpeed()
                .continuousUpdate().build());
        if (total > 0 && bar.getMax() != total) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
    }

    @Override
    public synchronized void onFileDone(String file) {
        ProgressBar bar = bars.remove(file);
        if (bar != null) {
            bar.close();
        }
    }
}

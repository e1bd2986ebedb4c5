package dev.zoo.bench.compare;

import dev.zoo.api.backend.Optimizer;
import dev.zoo.api.train.LearningRateSchedule;
import dev.zoo.api.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The recipe and machine of a comparison in words, for the report's heading. */
final class Recipe {

    private Recipe() {
    }

    static String describe(TrainingConfig c, CompareData d) {
        String data = d == null ? "synthetic batches" : d.dataset() + (d.limit() > 0 ? " (at most " + d.limit()
                + " images per split)" : "") + (d.augment() ? ", augmented" : "");
        return String.format(Locale.ROOT, "%s; %d epoch%s, batch %d, %s, %s, seed %d", data, c.epochs(),
                c.epochs() == 1 ? "" : "s", c.batchSize(), optimizer(c.optimizer()), schedule(c.schedule()), c.seed());
    }

    static String optimizer(Optimizer o) {
        if (o instanceof Optimizer.Adam a) {
            return String.format(Locale.ROOT, "Adam (betas %s, %s; weight decay %s)", num(a.beta1()), num(a.beta2()),
                    num(a.weightDecay()));
        }
        Optimizer.Sgd s = (Optimizer.Sgd) o;
        return String.format(Locale.ROOT, "SGD (momentum %s%s, weight decay %s)", num(s.momentum()),
                s.nesterov() ? " Nesterov" : "", num(s.weightDecay()));
    }

    static String schedule(LearningRateSchedule s) {
        if (s instanceof LearningRateSchedule.Constant c) {
            return "learning rate " + num(c.base());
        }
        if (s instanceof LearningRateSchedule.Cosine c) {
            return "cosine learning rate from " + num(c.base()) + (c.warmupSteps() > 0 ? " after " + c.warmupSteps()
                    + " warm-up steps" : "");
        }
        LearningRateSchedule.MultiStep m = (LearningRateSchedule.MultiStep) s;
        return "learning rate " + num(m.base()) + " x" + num(m.gamma()) + " at " + m.milestones() + " of the steps";
    }

    static String machine() {
        String threads = System.getProperty("ai.djl.pytorch.num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS",
                "default"));
        return String.format(Locale.ROOT, "%d CPUs, %s native thread%s per backend, %s, Java %s, %s %s",
                Runtime.getRuntime().availableProcessors(), threads, "1".equals(threads) ? "" : "s", allocator(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * The malloc this process runs on: tcmalloc when the launcher preloaded it, else the C library's.
     * Every child of a comparison inherits the parent's environment, and with it the allocator.
     */
    static String allocator() {
        try {
            return allocator(Files.readString(Path.of("/proc/self/maps")));
        } catch (IOException | RuntimeException e) {
            return "malloc unknown";
        }
    }

    /** The allocator named by a library file mapped in {@code maps} (/proc/PID/maps), else the C library's. */
    static String allocator(String maps) {
        for (String line : maps.split("\n")) {
            String file = line.substring(line.lastIndexOf('/') + 1);
            for (String lib : new String[] {"tcmalloc", "jemalloc", "mimalloc"}) {
                if (file.startsWith("lib" + lib)) {
                    return lib;
                }
            }
        }
        return "C library's malloc";
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v)
                .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }
}

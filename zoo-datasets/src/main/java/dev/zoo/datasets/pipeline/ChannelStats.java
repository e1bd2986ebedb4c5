package dev.zoo.datasets.pipeline;

import dev.zoo.datasets.format.LabeledImages;
import java.util.Arrays;

/**
 * Per-channel mean and standard deviation of pixel values scaled to 0..1, used to normalise
 * {@code (x - mean) / std}: published figures for the known datasets, or computed from training data.
 */
public record ChannelStats(double[] mean, double[] std) {

    public ChannelStats {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("channel stats: need one mean and one std per channel, got "
                    + mean.length + " means and " + std.length + " stds");
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("channel stats: every std must be finite and > 0, got " + Arrays.toString(std));
            }
        }
        for (double m : mean) {
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException("channel stats: every mean must be finite, got " + Arrays.toString(mean));
            }
        }
    }

    /** No normalisation: values stay x / 255 in 0..1. */
    public static ChannelStats identity(int channels) {
        double[] zeros = new double[channels];
        double[] ones = new double[channels];
        Arrays.fill(ones, 1.0);
        return new ChannelStats(zeros, ones);
    }

    /** Mean and population std per channel of the examples {@code indices} (values / 255). */
    public static ChannelStats compute(LabeledImages images, int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("channel stats: need at least one example to compute mean and std, got none");
        }
        int channels = images.itemShape().channels();
        int plane = images.itemSize() / channels;
        long[] sum = new long[channels];
        long[] sumSq = new long[channels];
        byte[] px = images.rawPixels();
        for (int e : indices) {
            int base = e * images.itemSize();
            for (int c = 0; c < channels; c++) {
                long s = 0;
                long q = 0;
                for (int i = base + c * plane, end = i + plane; i < end; i++) {
                    int v = px[i] & 0xFF;
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                sumSq[c] += q;
            }
        }
        double n = (double) indices.length * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double var = sumSq[c] / n - m * m;
            mean[c] = m / 255.0;
            std[c] = Math.sqrt(Math.max(var, 0)) / 255.0;
            if (std[c] == 0) {
                std[c] = 1.0; // a constant channel: centre it, do not divide by zero
            }
        }
        return new ChannelStats(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** Table of the normalised float for every byte value, per channel: {@code [channel][value]}. */
    public float[][] lookupTable() {
        float[][] lut = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = (float) ((v / 255.0 - mean[c]) / std[c]);
            }
        }
        return lut;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelStats s && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}

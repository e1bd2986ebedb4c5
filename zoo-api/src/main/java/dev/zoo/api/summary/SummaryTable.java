package dev.zoo.api.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link Summary} as a Keras-style text table with totals at the bottom. */
public final class SummaryTable {

    private static final String[] HEADER = {"Layer (path)", "Type", "Output shape", "Param #", "MACs"};

    private SummaryTable() {
    }

    /** The table, lines ending in {@code \n}. */
    public static String render(Summary summary) {
        List<String[]> cells = new ArrayList<>();
        for (SummaryRow row : summary.layers()) {
            cells.add(new String[] {row.name(), row.type(), row.outputShape(), number(row.params()),
                    number(row.macs())});
        }
        int[] width = new int[HEADER.length];
        for (int c = 0; c < HEADER.length; c++) {
            width[c] = HEADER[c].length();
            for (String[] line : cells) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        StringBuilder out = new StringBuilder();
        out.append("Model: ").append(summary.name()).append('\n');
        if (!summary.description().isEmpty()) {
            out.append(summary.description()).append('\n');
        }
        out.append("Input: ").append(summary.input()).append("   Output: ").append(summary.outputShape())
                .append("   Depth: ").append(summary.depth()).append(" weight layers\n");
        out.append("=".repeat(total)).append('\n');
        line(out, HEADER, width);
        out.append("=".repeat(total)).append('\n');
        for (String[] line : cells) {
            line(out, line, width);
        }
        out.append("=".repeat(total)).append('\n');
        out.append("Total params: ").append(number(summary.totalParams())).append('\n');
        out.append("Trainable params: ").append(number(summary.trainableParams())).append('\n');
        out.append("Non-trainable params: ").append(number(summary.nonTrainableParams()))
                .append(" (batch-norm running mean/var: state, not in the total, as torchvision counts)\n");
        out.append("MACs: ").append(number(summary.macs())).append(" (").append(scaled(summary.macs())).append(")\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = c >= 3;
            String cell = numeric ? " ".repeat(width[c] - cells[c].length()) + cells[c]
                    : cells[c] + " ".repeat(width[c] - cells[c].length());
            l.append(cell).append("  ");
        }
        out.append(l.toString().stripTrailing()).append('\n');
    }

    /** {@code 4.09 G} or {@code 40.55 M}: the figure papers quote. */
    static String scaled(long macs) {
        return macs >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f G", macs / 1e9)
                : String.format(Locale.ROOT, "%.2f M", macs / 1e6);
    }

    /** {@code 25557032} as {@code 25,557,032}. */
    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}

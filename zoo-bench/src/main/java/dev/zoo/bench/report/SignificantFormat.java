package dev.zoo.bench.report;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Formats a number to three significant digits, in plain notation between 0.001 and 10,000 and in
 * scientific notation beyond: the tick labels of a log-scale axis, where values span decades.
 */
final class SignificantFormat extends NumberFormat {

    private static final long serialVersionUID = 1L;

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        double a = Math.abs(number);
        String s = a != 0 && (a < 1e-3 || a >= 1e4) ? String.format(Locale.ROOT, "%.2e", number)
                : String.format(Locale.ROOT, "%.3g", number).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        return toAppendTo.append(s);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("tick labels are only formatted");
    }
}

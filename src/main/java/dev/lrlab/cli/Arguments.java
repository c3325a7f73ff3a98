package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.apache.commons.cli.CommandLine;

/** Typed reads of option values, with one-line errors that name the option and the bad value. */
final class Arguments {
    private Arguments() {
    }

    static double number(CommandLine line, String option, double fallback) {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (Double.isNaN(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw LrlabException.usage("--" + option + " expects a number, found '" + text + "'");
        }
    }

    /**
     * Hands the option's number to {@code to} when the option is given, so that the builder's default stays the
     * only default.
     */
    static void number(CommandLine line, String option, DoubleConsumer to) {
        if (line.hasOption(option)) {
            to.accept(number(line, option, Double.NaN));
        }
    }

    /** Hands the option's whole number to {@code to} when the option is given. */
    static void whole(CommandLine line, String option, LongConsumer to) {
        if (line.hasOption(option)) {
            to.accept(whole(line, option, 0));
        }
    }

    /** Hands the option's whole number of at least 1 to {@code to} when the option is given. */
    static void positiveInt(CommandLine line, String option, IntConsumer to) {
        if (line.hasOption(option)) {
            to.accept(positiveInt(line, option, 1));
        }
    }

    /** @return the number, NaN for "none" or an absent option */
    static double bound(CommandLine line, String option) {
        String text = line.getOptionValue(option);
        return text == null || text.trim().equalsIgnoreCase("none") ? Double.NaN : number(line, option, Double.NaN);
    }

    static long whole(CommandLine line, String option, long fallback) {
        String text = line.getOptionValue(option);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw LrlabException.usage("--" + option + " expects a whole number, found '" + text + "'");
        }
    }

    static int positiveInt(CommandLine line, String option, int fallback) {
        long value = whole(line, option, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw LrlabException.usage("--" + option + " must be a whole number of at least 1, found " + value);
        }
        return (int) value;
    }

    /** @return the single positional argument, named for the error when it is missing */
    static Path positionalPath(CommandLine line, String name) {
        List<String> rest = line.getArgList();
        if (rest.isEmpty()) {
            throw LrlabException.usage(name + " is required");
        }
        if (rest.size() > 1) {
            throw LrlabException.usage("expected one " + name + ", found " + rest.size() + " arguments: " + String.join(" ", rest));
        }
        return Path.of(rest.get(0));
    }
}

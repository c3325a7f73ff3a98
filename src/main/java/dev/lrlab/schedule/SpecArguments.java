package dev.lrlab.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code key=value,key=value} part of one schedule spec, checked against the keys that schedule
 * accepts. Every error message starts with the schedule's name and names the key and the expected form.
 */
final class SpecArguments {

    private final String schedule;
    private final Map<String, String> values;

    private SpecArguments(String schedule, Map<String, String> values) {
        this.schedule = schedule;
        this.values = values;
    }

    /**
     * @param schedule the schedule's name, for messages
     * @param text the text after the colon, possibly empty
     * @param accepted the keys this schedule accepts, in the order to list them
     * @param defaults values for accepted keys the text leaves out; other keys are ignored
     */
    static SpecArguments parse(String schedule, String text, List<String> accepted, Map<String, Double> defaults) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!text.isBlank()) {
            for (String pair : text.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(schedule + ": expected key=value, found '" + pair.trim() + "'");
                }
                String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = pair.substring(eq + 1).trim();
                if (!accepted.contains(key)) {
                    throw new IllegalArgumentException(schedule + ": unknown key '" + key + "'; accepted keys: "
                            + String.join(", ", accepted));
                }
                if (value.isEmpty()) {
                    throw new IllegalArgumentException(schedule + ": key '" + key + "' expected a value, found nothing");
                }
                if (values.putIfAbsent(key, value) != null) {
                    throw new IllegalArgumentException(schedule + ": key '" + key + "' given twice");
                }
            }
        }
        defaults.forEach((key, value) -> {
            if (accepted.contains(key) && value != null) {
                values.putIfAbsent(key, SpecText.number(value));
            }
        });
        return new SpecArguments(schedule, values);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** @return the number under a required key */
    double requireDouble(String key, String example) {
        return parseDouble(key, require(key, example));
    }

    double optDouble(String key, double fallback) {
        return has(key) ? parseDouble(key, values.get(key)) : fallback;
    }

    /** @return the whole number {@code > 0} under a required key */
    long requirePositiveLong(String key, String example) {
        return parsePositiveLong(key, require(key, example));
    }

    long optPositiveLong(String key, long fallback) {
        return has(key) ? parsePositiveLong(key, values.get(key)) : fallback;
    }

    boolean optBoolean(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        String value = values.get(key).toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(schedule + ": key '" + key + "' expected true or false, found '"
                + values.get(key) + "'");
    }

    /** @return the value under the key, lower-cased, which must be one of {@code choices} */
    String optChoice(String key, String fallback, List<String> choices) {
        if (!has(key)) {
            return fallback;
        }
        String value = values.get(key).toLowerCase(Locale.ROOT);
        if (!choices.contains(value)) {
            throw new IllegalArgumentException(schedule + ": key '" + key + "' expected one of "
                    + String.join(", ", choices) + ", found '" + values.get(key) + "'");
        }
        return value;
    }

    /**
     * @return the range {@code base-max} under the key, {@code fallback} when absent, or null when the
     *     value is {@code none}
     */
    MomentumRange optMomentum(String key, MomentumRange fallback) {
        if (!has(key)) {
            return fallback;
        }
        String value = values.get(key);
        if (value.equalsIgnoreCase("none")) {
            return null;
        }
        int dash = rangeDash(value);
        if (dash < 0) {
            throw new IllegalArgumentException(schedule + ": key '" + key
                    + "' expected base-max such as 0.85-0.95, or none, found '" + value + "'");
        }
        double base = parseDouble(key, value.substring(0, dash));
        double max = parseDouble(key, value.substring(dash + 1));
        try {
            return new MomentumRange(base, max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(schedule + ": key '" + key + "' " + e.getMessage(), e);
        }
    }

    /** The dash between two numbers: not the first character and not an exponent's sign. */
    private static int rangeDash(String value) {
        for (int i = 1; i < value.length(); i++) {
            char before = value.charAt(i - 1);
            if (value.charAt(i) == '-' && before != 'e' && before != 'E') {
                return i;
            }
        }
        return -1;
    }

    private String require(String key, String example) {
        if (!has(key)) {
            throw new IllegalArgumentException(schedule + ": missing required key '" + key + "' (expected e.g. "
                    + example + ")");
        }
        return values.get(key);
    }

    private double parseDouble(String key, String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(schedule + ": key '" + key + "' expected a number, found '"
                    + text + "'", e);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(schedule + ": key '" + key + "' expected a finite number, found '"
                    + text + "'");
        }
        return value;
    }

    private long parsePositiveLong(String key, String text) {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value == Math.rint(value) && value > 0 && value < 0x1p62)) {
            throw new IllegalArgumentException(schedule + ": key '" + key + "' expected a positive whole number,"
                    + " found '" + text + "'");
        }
        return (long) value;
    }
}

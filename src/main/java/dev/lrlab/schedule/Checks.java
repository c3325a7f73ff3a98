package dev.lrlab.schedule;

/** Argument checks shared by the schedules; every failure says what was expected and what was found. */
final class Checks {

    private Checks() {
    }

    static void requireStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("expected step >= 0, found " + step);
        }
    }

    static double requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("expected " + name + " to be a finite number, found " + value);
        }
        return value;
    }

    static double requireNonNegative(String name, double value) {
        requireFinite(name, value);
        if (value < 0) {
            throw new IllegalArgumentException("expected " + name + " >= 0, found " + SpecText.number(value));
        }
        return value;
    }

    static double requirePositive(String name, double value) {
        requireFinite(name, value);
        if (value <= 0) {
            throw new IllegalArgumentException("expected " + name + " > 0, found " + SpecText.number(value));
        }
        return value;
    }

    static long requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("expected " + name + " > 0, found " + value);
        }
        return value;
    }

    static void requireBelow(String lowName, double low, String highName, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("expected " + lowName + " < " + highName + ", found "
                    + lowName + "=" + SpecText.number(low) + ", " + highName + "=" + SpecText.number(high));
        }
    }
}

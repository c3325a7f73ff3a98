package dev.lrlab;

import java.util.Objects;

/**
 * A setting's value together with where it came from.
 *
 * @param value the value used
 * @param source who decided it
 * @param <T> the value's type
 */
public record Setting<T>(T value, SettingSource source) {

    public Setting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /** @return the value given by the caller */
    public static <T> Setting<T> option(T value) {
        return new Setting<>(value, SettingSource.OPTION);
    }

    /** @return the value read from the model */
    public static <T> Setting<T> model(T value) {
        return new Setting<>(value, SettingSource.MODEL);
    }

    /** @return the value inferred from model and data */
    public static <T> Setting<T> inferred(T value) {
        return new Setting<>(value, SettingSource.INFERRED);
    }

    /** @return lrlab's default value */
    public static <T> Setting<T> byDefault(T value) {
        return new Setting<>(value, SettingSource.DEFAULT);
    }

    /** @return e.g. {@code 0.9 (model)} */
    @Override
    public String toString() {
        return value + " (" + source.label() + ")";
    }
}

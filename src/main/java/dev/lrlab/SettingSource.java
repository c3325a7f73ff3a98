package dev.lrlab;

import java.util.Locale;

/** Where a run's setting came from, from the strongest to the weakest. */
public enum SettingSource {
    /** Given by the caller: a command-line option or an explicit builder call. */
    OPTION,
    /** Read from the model's own compile settings (Keras {@code keras_metadata.pb}). */
    MODEL,
    /** Inferred from the model output and the labels. */
    INFERRED,
    /** lrlab's default, used when nothing above decided. */
    DEFAULT;

    /** @return the lower-case name written in logs and summaries, e.g. {@code model} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

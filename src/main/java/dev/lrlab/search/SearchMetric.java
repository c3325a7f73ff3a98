package dev.lrlab.search;

import dev.lrlab.LrlabException;
import java.util.Locale;

/** What a coarse-to-fine search ranks its trials by; lower is better for both. */
public enum SearchMetric {
    /** The validation loss after the trial's last step (needs a validation split). */
    VAL_LOSS("val_loss"),
    /** The smoothed training loss at the trial's last step. */
    LOSS("loss");

    private final String cliName;

    SearchMetric(String cliName) {
        this.cliName = cliName;
    }

    /** @return the name on the command line and in reports, e.g. {@code val_loss} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code val_loss} or {@code loss}, any case
     * @return the metric
     * @throws LrlabException (usage) for any other name
     */
    public static SearchMetric fromCliName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (SearchMetric metric : values()) {
            if (metric.cliName.equals(wanted)) {
                return metric;
            }
        }
        throw LrlabException.usage("`metric` expects val_loss or loss, found '" + name + "'");
    }
}

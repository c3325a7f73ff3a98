package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table from the library's setting names (Java properties) to the command line's flags, and the rewrite that
 * shows a library message in the command line's words. The library names a setting in backticks, by its property
 * ({@code `batchSize` must be at least 1, found 0}, see {@link LrlabException#settings()}); the command line prints
 * {@code --batch-size must be at least 1, found 0}.
 */
final class Flags {
    /** Java property name to command-line flag; every name the library puts in backticks is here (a test checks). */
    static final Map<String, String> BY_PROPERTY = Map.ofEntries(
            Map.entry("batchSize", "--batch-size"),
            Map.entry("beta", "--beta"),
            Map.entry("data", "--data"),
            Map.entry("dataFraction", "--data-fraction"),
            Map.entry("device", "--device"),
            Map.entry("divergeFactor", "--diverge-factor"),
            Map.entry("endLr", "--end-lr"),
            Map.entry("epochs", "--epochs"),
            Map.entry("exportTarget", "--export"),
            Map.entry("featureColumns", "--features"),
            Map.entry("finePoints", "--fine-points"),
            Map.entry("force", "--force"),
            Map.entry("from", "--from"),
            Map.entry("input", "--input"),
            Map.entry("interOpThreads", "--threads"),
            Map.entry("intraOpThreads", "--threads"),
            Map.entry("labelColumn", "--label"),
            Map.entry("labelInput", "--label-input"),
            Map.entry("loss", "--loss"),
            Map.entry("lossColumn", "--loss-column"),
            Map.entry("lossSignature", "--loss-signature"),
            Map.entry("lr", "--lr"),
            Map.entry("lrColumn", "--lr-column"),
            Map.entry("lrInput", "--lr-input"),
            Map.entry("maxLr", "--max-lr"),
            Map.entry("maxRows", "--max-rows"),
            Map.entry("maxSteps", "--max-unroll"),
            Map.entry("metric", "--metric"),
            Map.entry("minLr", "--min-lr"),
            Map.entry("mode", "--mode"),
            Map.entry("model", "MODEL_DIR"), // positional: the SavedModel folder
            Map.entry("momentum", "--momentum"),
            Map.entry("out", "--out"),
            Map.entry("outDir", "--out-dir"),
            Map.entry("output", "--output"),
            Map.entry("plot", "--plot"),
            Map.entry("parallel", "--parallel"),
            Map.entry("perDecade", "--per-decade"),
            Map.entry("policy", "--policy"),
            Map.entry("residentDataLimitBytes", "--resident-data"),
            Map.entry("sample", "--sample"),
            Map.entry("sequenceLength", "--sequence-length"),
            Map.entry("series", "--series"),
            Map.entry("signature", "--signature"),
            Map.entry("skipIncomplete", "--skip-incomplete"),
            Map.entry("smoothing", "--smoothing"),
            Map.entry("startLr", "--start-lr"),
            Map.entry("steps", "--steps"),
            Map.entry("stepsPerTrial", "--steps-per-trial"),
            Map.entry("to", "--to"),
            Map.entry("trainingMode", "--training-mode"),
            Map.entry("trainSignature", "--train-signature"),
            Map.entry("validateEvery", "--val-every"),
            Map.entry("validationFraction", "--val-fraction"),
            Map.entry("weightDecay", "--weight-decay"),
            Map.entry("window", "--window"));

    private static final Pattern SETTING = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");

    private Flags() {
    }

    /**
     * @param text a message or advice text from the library
     * @return it with every setting in backticks replaced by its flag (a name not in the table keeps its backticks)
     */
    static String inFlags(String text) {
        if (text == null || text.indexOf('`') < 0) {
            return text;
        }
        Matcher m = SETTING.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(BY_PROPERTY.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(sb).toString();
    }
}

package dev.lrlab.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The suggestions of a range test, read back from its {@code summary.json}: the object under the top-level
 * key {@code suggestions}, laid out as {@link Suggestions#toMap()} writes it, e.g.
 * <pre>{@code
 * "suggestions": {
 *   "default": "valley",
 *   "valley": {"lr": 0.0031, "index": 57, "loss": 0.82},
 *   ...
 *   "cyclic": {"base_lr": 0.0025, "max_lr": 0.01, "index": 71, "loss": 0.61}
 * }
 * }</pre>
 * Only what is asked for must be present; a missing or non-numeric value is an error naming the file and the
 * dotted key, with the range test's own reason when it made no suggestions.
 *
 * @param file the file read
 * @param suggestions the {@code suggestions} object
 */
public record RangeTestSummary(Path file, JsonNode suggestions) {
    /** The top-level key that holds the suggestions. */
    public static final String KEY = "suggestions";

    /** Checks both parts are present. */
    public RangeTestSummary {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(suggestions, "suggestions");
    }

    /**
     * @param file a range test's {@code summary.json}
     * @return its suggestions
     * @throws LrlabException (DATA) when the file is missing, is not JSON, or has no {@code suggestions} object
     */
    public static RangeTestSummary read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": no such file; pass the summary.json a range test wrote", e);
        } catch (JsonProcessingException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": not JSON (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + "); pass the summary.json a range test wrote", e);
        } catch (IOException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": cannot read (" + e.getMessage()
                    + "); check the path and permissions", e);
        }
        JsonNode suggestions = root == null ? null : root.get(KEY);
        if (suggestions == null || !suggestions.isObject()) {
            throw LrlabException.data(file + ": missing key '" + KEY + "'; pass the summary.json a range test wrote");
        }
        return new RangeTestSummary(file, suggestions);
    }

    /**
     * @return the cyclical bounds as schedule-spec defaults: {@code base} from {@code cyclic.base_lr},
     *         {@code max} from {@code cyclic.max_lr}
     * @throws LrlabException (DATA) when either is missing
     */
    public Map<String, Double> cyclicDefaults() {
        Map<String, Double> defaults = new LinkedHashMap<>();
        defaults.put("base", rate("cyclic", "base_lr"));
        defaults.put("max", rate("cyclic", "max_lr"));
        return defaults;
    }

    /**
     * @return the name of the recommended rule, {@code suggestions.default}, e.g. {@code valley}
     * @throws LrlabException (DATA) when it is missing
     */
    public String recommendedName() {
        JsonNode name = suggestions.get("default");
        if (name == null || !name.isTextual()) {
            throw missing("default");
        }
        return name.asText();
    }

    /**
     * @param name a rule, e.g. {@code valley}
     * @return its suggested rate, {@code suggestions.<name>.lr}
     * @throws LrlabException (DATA) when it is missing or not a positive finite number
     */
    public double suggestedLr(String name) {
        return rate(name, "lr");
    }

    private double rate(String entry, String key) {
        JsonNode object = suggestions.get(entry);
        JsonNode value = object == null ? null : object.get(key);
        String dotted = entry + "." + key;
        if (value == null) {
            throw missing(dotted);
        }
        if (!value.isNumber() || !(value.asDouble() > 0) || Double.isInfinite(value.asDouble())) {
            throw LrlabException.data(file + ": key '" + KEY + "." + dotted + "' expected a positive learning rate, found "
                    + value);
        }
        return value.asDouble();
    }

    private LrlabException missing(String dotted) {
        JsonNode reason = suggestions.get("reason");
        String why = reason != null && reason.isTextual() ? " (the range test made no suggestions: " + reason.asText() + ")"
                : "";
        return LrlabException.data(file + ": missing key '" + KEY + "." + dotted + "'" + why
                + "; rerun the range test or give the rates explicitly");
    }
}

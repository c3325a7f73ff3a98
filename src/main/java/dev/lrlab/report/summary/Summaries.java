package dev.lrlab.report.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lrlab.LrlabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a {@code summary.json} back into its record. Keys the record does not know are skipped (a newer lrlab's
 * additions); keys it knows but the file lacks read as null, zero or false, so a summary that holds only part of
 * the keys (e.g. only {@code suggestions}) still reads.
 */
public final class Summaries {
    private Summaries() {
    }

    /**
     * @param file a {@code summary.json}
     * @param type the record to read
     * @param kind the run kind the file should hold, e.g. {@code range-test}; a file without {@code kind} is accepted
     * @param <T> the record type
     * @return the summary
     * @throws LrlabException (DATA) when the file is missing, is not JSON, holds another kind of run, or a key has
     *     the wrong type
     */
    public static <T extends RunSummary> T read(Path file, Class<T> type, String kind) {
        String words = kind.replace('-', ' ');
        String what = "pass the summary.json a " + words + " wrote";
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw LrlabException.data(file + ": no such file; " + what);
        } catch (IOException e) {
            throw LrlabException.data(file + ": cannot read (" + e.getMessage() + "); check the path and permissions");
        }
        ObjectReader reader = JsonValues.readerMapper().reader()
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode tree;
        try {
            tree = reader.readTree(text);
        } catch (JsonProcessingException e) {
            throw LrlabException.data(file + ": not JSON (" + firstLine(e) + "); " + what);
        }
        if (tree == null || !tree.isObject()) {
            throw LrlabException.data(file + ": not a JSON object; " + what);
        }
        JsonNode found = tree.get("kind");
        if (found != null && found.isTextual() && !found.asText().equals(kind)) {
            throw LrlabException.data(file + ": holds a " + found.asText().replace('-', ' ') + " summary, not a " + words
                    + " one; " + what);
        }
        try {
            return reader.forType(type).readValue(tree);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : Integer.toString(r.getIndex())).collect(Collectors.joining("."));
            throw LrlabException.data(file + ": key '" + key + "' has the wrong type (" + firstLine(e) + "); " + what);
        } catch (IOException e) {
            throw LrlabException.data(file + ": cannot read (" + e.getMessage() + "); " + what);
        }
    }

    private static String firstLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}

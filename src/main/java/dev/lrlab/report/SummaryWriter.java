package dev.lrlab.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the summary of a run twice: {@code summary.json} (pretty-printed, fields in the order given)
 * and {@code summary.csv} (two columns {@code key,value}; nested objects flattened to dotted keys,
 * list items to {@code key.0}, {@code key.1}, ...). Both files are written atomically.
 *
 * <p>The summary is a {@code Map} (use a {@link LinkedHashMap} to keep the order) or a record
 * (its components in declaration order), with values that Jackson can serialize without extra modules:
 * strings, numbers, booleans, null, lists, arrays, maps, records. Paths, times and {@code Optional}s
 * should be turned into strings or nulls first. NaN and infinities are written as the JSON strings
 * {@code "NaN"}, {@code "Infinity"}; in the CSV they are plain cells. Empty lists and objects appear in
 * the CSV as {@code []} and {@code {}} so that their key is not lost; null is an empty cell.
 */
public final class SummaryWriter {
    /** File name of the JSON summary. */
    public static final String JSON_FILE = "summary.json";
    /** File name of the CSV summary. */
    public static final String CSV_FILE = "summary.csv";

    private final ObjectMapper mapper = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final ObjectWriter prettyWriter;

    /** A writer with lrlab's JSON settings: two-space indent and {@code \n} line ends on every platform. */
    public SummaryWriter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        prettyWriter = mapper.writer(printer);
    }

    /**
     * Writes {@code summary.json} and {@code summary.csv} into {@code dir}.
     *
     * @param dir an existing folder
     * @param summary a map or a record
     * @param force whether existing summary files may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when a file exists without force or cannot be written
     */
    public void write(Path dir, Object summary, boolean force) {
        write(dir.resolve(JSON_FILE), dir.resolve(CSV_FILE), summary, force);
    }

    /**
     * Writes the JSON and CSV summaries under the given names (a run whose output is one named file, such as
     * {@code train --out curve.csv}, gets {@code curve.summary.json} beside it).
     *
     * @param jsonFile the JSON file
     * @param csvFile the CSV file
     * @param summary a map or a record
     * @param force whether existing summary files may be replaced
     * @throws dev.lrlab.LrlabException (OUTPUT) when a file exists without force or cannot be written
     */
    public void write(Path jsonFile, Path csvFile, Object summary, boolean force) {
        String json = toJson(summary);
        String csv = toCsv(summary);
        AtomicFiles.refuseExisting(jsonFile, force);
        AtomicFiles.refuseExisting(csvFile, force);
        AtomicFiles.writeString(jsonFile, json, force);
        AtomicFiles.writeString(csvFile, csv, force);
    }

    /**
     * @param summary a map or a record
     * @return the pretty-printed JSON text, ending with a newline
     */
    public String toJson(Object summary) {
        try {
            return prettyWriter.writeValueAsString(summary) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot turn the summary into JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param summary a map or a record
     * @return the flattened {@code key,value} CSV text with a header row, lines ending with {@code \n}
     */
    public String toCsv(Object summary) {
        Map<String, String> flat = flatten(summary);
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader("key", "value").setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (Map.Entry<String, String> e : flat.entrySet()) {
                printer.printRecord(e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * @param summary a map or a record
     * @return the summary flattened to dotted keys in order, values as text (null as empty text)
     */
    public Map<String, String> flatten(Object summary) {
        JsonNode tree = mapper.valueToTree(summary);
        Map<String, String> flat = new LinkedHashMap<>();
        if (tree.isContainerNode()) {
            flattenInto("", tree, flat);
        } else {
            flat.put("value", text(tree));
        }
        return flat;
    }

    private static void flattenInto(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            if (node.isEmpty() && !prefix.isEmpty()) {
                flat.put(prefix, "{}");
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flattenInto(join(prefix, field.getKey()), field.getValue(), flat);
            }
        } else if (node.isArray()) {
            if (node.isEmpty() && !prefix.isEmpty()) {
                flat.put(prefix, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                flattenInto(join(prefix, Integer.toString(i)), node.get(i), flat);
            }
        } else {
            flat.put(prefix, text(node));
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "" : node.asText();
    }
}

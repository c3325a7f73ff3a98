package dev.lrlab.report.summary;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Free-form parts of a summary (a model's saved compile settings, provenance settings) held as maps: normalised to
 * what Jackson gives back when it reads the JSON, so that a summary read back equals the one written.
 */
public final class JsonValues {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private JsonValues() {
    }

    /**
     * @param map a map of strings, numbers, booleans, nulls, lists and maps (or records), possibly null
     * @return an unmodifiable copy in the same order with whole numbers as {@code Long}, other numbers as
     *     {@code Double}, nested maps as ordered maps and lists as lists; null for null
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> normalizeMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> copy = MAPPER.convertValue(map, LinkedHashMap.class);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @param record a summary record (or part of one)
     * @return its JSON object as an unmodifiable ordered map with the keys of its JSON; numbers keep their Java type
     *     ({@code int} components as {@code Integer}, {@code long} as {@code Long})
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object record) {
        return Collections.unmodifiableMap(PLAIN.convertValue(record, LinkedHashMap.class));
    }

    /** @return the mapper that reads summaries: whole numbers in free-form maps as {@code Long} */
    static ObjectMapper readerMapper() {
        return MAPPER;
    }
}

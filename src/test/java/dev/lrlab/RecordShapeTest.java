package dev.lrlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One configuration idiom: a record in the main sources has at most {@value #MAX_COMPONENTS} components and no
 * {@code Optional} (or {@code OptionalDouble}...) one; anything larger is a final class made by a builder. The Jackson data records of
 * {@code dev.lrlab.report} (summaries and provenance, one JSON schema) are exempt by package.
 */
class RecordShapeTest {
    static final int MAX_COMPONENTS = 6;
    private static final Path MAIN = Path.of("src/main/java");
    private static final List<String> EXEMPT_PACKAGES = List.of("dev/lrlab/report/");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*(?:<[^>]*>)?\\s*\\(");

    @Test
    void noRecordHasAnOptionalOrMoreThanSixComponents() throws IOException {
        List<String> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = MAIN.relativize(file).toString().replace('\\', '/');
                if (EXEMPT_PACKAGES.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                String source = Files.readString(file);
                Matcher m = RECORD.matcher(source);
                while (m.find()) {
                    List<String> components = components(source, m.end());
                    boolean optional = components.stream()
                            .anyMatch(c -> c.matches("(?s).*\\bOptional(Double|Int|Long)?\\b.*"));
                    if (optional || components.size() > MAX_COMPONENTS) {
                        String key = name + " " + m.group(1);
                        messages.add(key + ": " + components.size() + " components" + (optional ? ", an Optional one"
                                : "") + "; make it a final class with a builder (setX required, optX optional)");
                    }
                }
            }
        }
        assertEquals(List.of(), messages);
    }

    @Test
    void theScanCountsComponentsAtTopLevelOnly() {
        String source = "record A(Map<String, List<Integer>> a, Optional<String> b, int c) {}";
        Matcher m = RECORD.matcher(source);
        assertTrue(m.find());
        assertEquals(List.of("Map<String, List<Integer>> a", "Optional<String> b", "int c"), components(source, m.end()));
    }

    /** @return the components of the record header whose opening bracket ends just before {@code from} */
    static List<String> components(String source, int from) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == '>' || c == ')') {
                if (depth == 0 && c == ')') {
                    break;
                }
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().strip());
        }
        return parts;
    }
}

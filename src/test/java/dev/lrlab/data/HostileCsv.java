package dev.lrlab.data;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/**
 * Hostile CSV files generated together with what they must load as: 1-4 feature columns and a column
 * {@value #LABEL} (numbers or class names); cells in many written forms (plain, scientific, padded, quoted); column
 * and class names with commas, quotes, line breaks, tabs, non-ASCII and thousands of characters; laid out in a
 * {@link Dialect} and broken by a {@link Twist}. Used by the {@code *Hostile*} property suites.
 */
public final class HostileCsv {
    /** One way to break a file, or none; every twist but {@code NONE} and {@code EMPTY_CELL_SKIPPED} must fail. */
    public enum Twist {
        NONE, SEMICOLONS, SEMICOLONS_DECIMAL_COMMAS, DECIMAL_COMMA, THOUSANDS_SEPARATOR, NON_FINITE, EMPTY_CELL,
        EMPTY_CELL_SKIPPED, RAGGED_SHORT, RAGGED_LONG, INVALID_UTF8, UTF16_LE_BOM, UTF16_BE_BOM, UTF16_LE, UTF16_BE,
        HEADER_ONLY, EMPTY_FILE, DUPLICATE_NAME, UNTERMINATED_QUOTE
    }

    /** How the file is laid out, none of which may change what it holds. */
    public enum Dialect {
        PLAIN, BOM, CRLF, BOM_CRLF, BLANK_LINES, NO_FINAL_NEWLINE, LONE_CR
    }

    /**
     * The table a file should load as.
     *
     * @param featureNames the feature columns' names, stripped
     * @param rows each row's feature values
     * @param labelValues each row's label (a class index for class names)
     * @param classNames the sorted class names, for class-name labels
     * @param skipped rows skipped for an empty cell
     */
    public record Expected(List<String> featureNames, List<float[]> rows, List<Float> labelValues,
                           Optional<List<String>> classNames, int skipped) {
        /** @return the feature values, row-major */
        public float[] features() {
            float[] all = new float[rows.size() * featureNames.size()];
            for (int r = 0; r < rows.size(); r++) {
                System.arraycopy(rows.get(r), 0, all, r * featureNames.size(), featureNames.size());
            }
            return all;
        }

        /** @return the label values */
        public float[] labels() {
            float[] all = new float[labelValues.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = labelValues.get(i);
            }
            return all;
        }
    }

    /** The label column's name. */
    public static final String LABEL = "label";
    private static final String LONG = "x".repeat(3000);
    private static final List<String> NAMES = List.of("age", "a b", "x,y", "say \"hi\"", "two\nlines", "tab\there",
            "ünïcödé", "col_" + LONG, " padded ", "日本");
    private static final List<String> CLASSES = List.of("setosa", "b,c", "quote \"q\"", "line\nbreak", "crlf\r\nin",
            "é", "class " + LONG, "  spaced  ", "A");
    private static final List<String> NON_FINITE = List.of("NaN", "nan", "inf", "-inf", "Infinity", "-Infinity",
            "1e999", "-1e999", "3.5e38");

    /** The file's bytes. */
    public final byte[] bytes;
    /** What the file loads as; empty when it must be refused. */
    public final Optional<Expected> expected;

    private HostileCsv(byte[] bytes, Optional<Expected> expected) {
        this.bytes = bytes;
        this.expected = expected;
    }

    /** @return the file as text, cut after 600 characters, for a failure's message */
    public String shown() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /**
     * @param random draws the table and its cells
     * @param twist how to break the file, if at all
     * @param dialect how to lay it out
     * @return the file and what it must load as
     */
    public static HostileCsv generate(Random random, Twist twist, Dialect dialect) {
        return generate(random, twist, dialect, 1 + random.nextInt(4), false);
    }

    /**
     * @param random draws the table and its cells
     * @param twist how to break the file, if at all
     * @param dialect how to lay it out
     * @param featureCount the number of feature columns
     * @param small numbers within +-100 (a model can train on them), rather than up to 1e14 and down to 1e-8
     * @return the file and what it must load as
     */
    public static HostileCsv generate(Random random, Twist twist, Dialect dialect, int featureCount,
            boolean small) {
        int rowCount = twist == Twist.HEADER_ONLY ? 0 : 1 + random.nextInt(6);
        boolean classes = random.nextBoolean();
        List<String> pool = new ArrayList<>(NAMES);
        java.util.Collections.shuffle(pool, random);
        List<String> names = new ArrayList<>(pool.subList(0, featureCount));
        int labelAt = random.nextInt(featureCount + 1);
        List<String> header = new ArrayList<>(names);
        header.add(labelAt, LABEL);

        List<List<String>> cells = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<String> labelCells = new ArrayList<>();
        for (int r = 0; r < rowCount; r++) {
            float[] values = new float[featureCount];
            List<String> row = new ArrayList<>();
            for (int c = 0; c < featureCount; c++) {
                String text = number(random, small);
                values[c] = Float.parseFloat(text);
                row.add(decorate(random, text));
            }
            String label = classes ? CLASSES.get(random.nextInt(CLASSES.size())) : number(random, small);
            labelCells.add(classes ? label.strip() : label);
            row.add(labelAt, classes ? escape(label) : decorate(random, label));
            rows.add(values);
            cells.add(row);
        }

        // the twist: where it breaks a cell, it picks a data row and a feature column
        int row = rowCount == 0 ? -1 : random.nextInt(rowCount);
        int feature = random.nextInt(featureCount);
        int column = feature < labelAt ? feature : feature + 1;
        boolean loads = true;
        int skipped = 0;
        String separator = ",";
        switch (twist) {
            case NONE, HEADER_ONLY, EMPTY_FILE, INVALID_UTF8, UTF16_LE_BOM, UTF16_BE_BOM, UTF16_LE, UTF16_BE -> {
                loads = twist == Twist.NONE;
            }
            case SEMICOLONS, SEMICOLONS_DECIMAL_COMMAS -> {
                separator = ";";
                loads = false;
                if (twist == Twist.SEMICOLONS_DECIMAL_COMMAS) {
                    for (List<String> cellsOfRow : cells) {
                        cellsOfRow.replaceAll(cell -> cell.startsWith("\"") ? cell : cell.replace('.', ','));
                    }
                }
            }
            case DECIMAL_COMMA -> {
                cells.get(row).set(column, random.nextBoolean() ? "12,5" : "\"12,5\"");
                loads = false;
            }
            case THOUSANDS_SEPARATOR -> {
                cells.get(row).set(column, random.nextBoolean() ? "1,234" : "\"1,234.5\"");
                loads = false;
            }
            case NON_FINITE -> {
                cells.get(row).set(column, decorate(random, NON_FINITE.get(random.nextInt(NON_FINITE.size()))));
                loads = false;
            }
            case EMPTY_CELL, EMPTY_CELL_SKIPPED -> {
                cells.get(row).set(column, random.nextBoolean() ? "" : "  ");
                loads = twist == Twist.EMPTY_CELL_SKIPPED && rowCount > 1;
                rows.remove(row);
                labelCells.remove(row);
                skipped = 1;
            }
            case RAGGED_SHORT -> {
                cells.get(row).remove(column);
                loads = false;
            }
            case RAGGED_LONG -> {
                cells.get(row).add(random.nextBoolean() ? "" : "7");
                loads = false;
            }
            case DUPLICATE_NAME -> {
                int other = (column + 1 + random.nextInt(header.size() - 1)) % header.size();
                header.set(column, header.get(other));
                loads = false;
            }
            case UNTERMINATED_QUOTE -> {
                cells.get(row).set(column, "\"" + cells.get(row).get(column).replace("\"", ""));
                loads = false;
            }
            default -> throw new IllegalStateException(twist.toString());
        }
        String newline = switch (dialect) {
            case CRLF, BOM_CRLF -> "\r\n";
            case LONE_CR -> "\r";
            default -> "\n";
        };
        StringBuilder text = new StringBuilder();
        text.append(String.join(separator, header.stream().map(HostileCsv::escape).toList())).append(newline);
        for (List<String> cellsOfRow : cells) {
            if (dialect == Dialect.BLANK_LINES) {
                text.append(newline);
            }
            text.append(String.join(separator, cellsOfRow)).append(newline);
        }
        if (dialect == Dialect.NO_FINAL_NEWLINE && text.length() > 0) {
            text.setLength(text.length() - newline.length());
        }
        if (twist == Twist.EMPTY_FILE) {
            text.setLength(0);
        }
        byte[] bytes = encode(text.toString(), twist, dialect, random);

        if (!loads) {
            return new HostileCsv(bytes, Optional.empty());
        }
        List<String> featureNames = names.stream().map(String::strip).toList();
        List<Float> labels = new ArrayList<>();
        Optional<List<String>> classNames = Optional.empty();
        if (classes) {
            List<String> sorted = new ArrayList<>(new TreeSet<>(labelCells));
            classNames = Optional.of(sorted);
            labelCells.forEach(cell -> labels.add((float) sorted.indexOf(cell)));
        } else {
            labelCells.forEach(cell -> labels.add(Float.parseFloat(cell)));
        }
        return new HostileCsv(bytes, Optional.of(new Expected(featureNames, rows, labels, classNames, skipped)));
    }

    private static byte[] encode(String text, Twist twist, Dialect dialect, Random random) {
        boolean bom = dialect == Dialect.BOM || dialect == Dialect.BOM_CRLF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (twist) {
            case UTF16_LE_BOM -> out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE});
            case UTF16_BE_BOM -> out.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF});
            default -> {
                if (bom) {
                    out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
                }
            }
        }
        byte[] body = switch (twist) {
            case UTF16_LE_BOM, UTF16_LE -> text.getBytes(StandardCharsets.UTF_16LE);
            case UTF16_BE_BOM, UTF16_BE -> text.getBytes(StandardCharsets.UTF_16BE);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
        if (twist == Twist.INVALID_UTF8) {
            int at = body.length == 0 ? 0 : random.nextInt(body.length);
            byte[] bad = random.nextBoolean() ? new byte[] {(byte) 0xFF} : new byte[] {(byte) 0xC3, (byte) 0x28};
            out.write(body, 0, at);
            out.writeBytes(bad);
            out.write(body, at, body.length - at);
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** A decimal number m * 10^e in one of its written forms, as a spreadsheet or numpy might write it. */
    private static String number(Random random, boolean small) {
        int scale = small ? 4 + random.nextInt(5) : random.nextInt(17) - 8;
        BigDecimal value = BigDecimal.valueOf(random.nextInt(2_000_001) - 1_000_000, scale);
        return switch (random.nextInt(5)) {
            case 0 -> value.toPlainString();
            case 1 -> value.toString();
            case 2 -> value.toEngineeringString();
            case 3 -> String.format(java.util.Locale.ROOT, "%.6e", value.doubleValue());
            default -> Float.toString(value.floatValue());
        };
    }

    /** A number cell as written: bare, padded with spaces, quoted, or quoted with padding inside. */
    private static String decorate(Random random, String text) {
        return switch (random.nextInt(4)) {
            case 0 -> " " + text + "  ";
            case 1 -> "\"" + text + "\"";
            case 2 -> "\" " + text + " \"";
            default -> text;
        };
    }

    /** RFC 4180 quoting for text that needs it. */
    private static String escape(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || text.contains(";") || !text.equals(text.strip())) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}

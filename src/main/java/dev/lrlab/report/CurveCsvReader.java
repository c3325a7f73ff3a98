package dev.lrlab.report;

import dev.lrlab.LrlabException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a learning-rate/loss curve from any CSV file with a header row: lrlab's own {@code curve.csv}
 * or the output of another tool.
 *
 * <p>Columns are found by name, ignoring case and surrounding spaces. With {@link #read(Path)} the
 * names are {@code lr} and {@code loss}; when a file has no such column, the first of the other usual
 * names that is present is taken: {@code learning_rate}, {@code lrs} for the rate and {@code losses}
 * for the loss. With {@link #read(Path, String, String)} only the given names count.
 *
 * <p>The file is UTF-8 with or without a byte-order mark. Rows where the rate or the loss cell is
 * empty or missing (a short row) are skipped. A last line without a line end that is incomplete (fewer cells than
 * the header, or a rate or loss that does not parse: a row a killed run was writing) is skipped too, and the
 * curve's {@link LrLossCurve#note() note} says so; a complete one is kept. Numbers use
 * {@code '.'} decimals; {@code NaN}, {@code Infinity} and Python's {@code nan}, {@code inf}, {@code -inf}
 * are accepted as losses. A learning rate must be positive and finite. Errors name the line counted from
 * 1 for the header row (a row whose quoted cell spans lines is reported at its last line) and the column
 * counted from 1.
 */
public final class CurveCsvReader {
    /** The learning-rate column looked for first. */
    public static final String DEFAULT_LR_COLUMN = "lr";
    /** The loss column looked for first. */
    public static final String DEFAULT_LOSS_COLUMN = "loss";
    private static final List<String> LR_ALIASES = List.of("learning_rate", "lrs");
    private static final List<String> LOSS_ALIASES = List.of("losses");

    private CurveCsvReader() {
    }

    /**
     * Reads the columns {@code lr} and {@code loss} (or their usual other names, see the class comment).
     *
     * @param file a CSV file with a header row
     * @return the curve, in file order
     * @throws LrlabException (DATA) naming the file, line and column of the first problem
     */
    public static LrLossCurve read(Path file) {
        return read(file, DEFAULT_LR_COLUMN, LR_ALIASES, DEFAULT_LOSS_COLUMN, LOSS_ALIASES);
    }

    /**
     * Reads the two named columns. A named column is looked for under that name only; a null name means
     * the default name and its usual other names, as in {@link #read(Path)}.
     *
     * @param file a CSV file with a header row
     * @param lrColumn the header of the learning-rate column (case-insensitive), or null
     * @param lossColumn the header of the loss column (case-insensitive), or null
     * @return the curve, in file order
     * @throws LrlabException (DATA) naming the file, line and column of the first problem
     */
    public static LrLossCurve read(Path file, String lrColumn, String lossColumn) {
        return read(file, lrColumn != null ? lrColumn : DEFAULT_LR_COLUMN, lrColumn != null ? List.of() : LR_ALIASES,
                lossColumn != null ? lossColumn : DEFAULT_LOSS_COLUMN, lossColumn != null ? List.of() : LOSS_ALIASES);
    }

    private static LrLossCurve read(Path file, String lrName, List<String> lrAliases,
                                    String lossName, List<String> lossAliases) {
        String text = readText(file);
        boolean unterminated = !text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r");
        String note = "";
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw LrlabException.data(file + ": empty file; expected a header row with '" + lrName
                        + "' and '" + lossName + "' columns");
            }
            List<String> header = new ArrayList<>();
            records.next().forEach(header::add);
            int lrIndex = find(file, header, lrName, lrAliases, "`lrColumn`");
            int lossIndex = find(file, header, lossName, lossAliases, "`lossColumn`");
            List<double[]> rows = new ArrayList<>();
            int line = 1;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                line = (int) parser.getCurrentLineNumber();
                boolean halfWritten = unterminated && !records.hasNext();
                if (halfWritten && record.size() < header.size()) {
                    note = partialNote(file, line);
                    continue;
                }
                String lrCell = cell(record, lrIndex);
                String lossCell = cell(record, lossIndex);
                if (lrCell.isEmpty() || lossCell.isEmpty()) {
                    continue;
                }
                try {
                    rows.add(row(file, line, header, lrIndex, lrCell, lossIndex, lossCell));
                } catch (LrlabException e) {
                    if (!halfWritten) {
                        throw e;
                    }
                    note = partialNote(file, line);
                }
            }
            if (rows.isEmpty()) {
                throw LrlabException.data(file + ": no row has both '" + header.get(lrIndex) + "' and '"
                        + header.get(lossIndex) + "' values; run more steps or choose other columns");
            }
            double[] lrs = new double[rows.size()];
            double[] losses = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                lrs[i] = rows.get(i)[0];
                losses[i] = rows.get(i)[1];
            }
            return new LrLossCurve(lrs, losses, header.get(lrIndex), header.get(lossIndex), note);
        } catch (IOException | UncheckedIOException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": not a readable CSV file (" + e.getMessage()
                    + "); check quotes are balanced", e);
        }
    }

    private static double[] row(Path file, int line, List<String> header, int lrIndex, String lrCell, int lossIndex,
                                String lossCell) {
        double lr = parse(file, line, lrIndex, header.get(lrIndex), lrCell);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw LrlabException.data(where(file, line, lrIndex)
                    + "expected a positive finite learning rate, found " + lrCell);
        }
        return new double[] {lr, parse(file, line, lossIndex, header.get(lossIndex), lossCell)};
    }

    private static String partialNote(Path file, int line) {
        return file + ":" + line + ": the last line has no line end and is incomplete (a run stopped while writing it?); "
                + "skipped";
    }

    private static String readText(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": no such file; check the path", e);
        } catch (CharacterCodingException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": not UTF-8 text; save it as UTF-8", e);
        } catch (IOException e) {
            throw new LrlabException(LrlabException.Kind.DATA, file + ": cannot read (" + AtomicFiles.describe(e)
                    + "); check the path and permissions", e);
        }
    }

    private static int find(Path file, List<String> header, String name, List<String> aliases, String option) {
        List<String> wanted = new ArrayList<>();
        wanted.add(name);
        wanted.addAll(aliases);
        for (String candidate : wanted) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(candidate.trim())) {
                    return i;
                }
            }
        }
        String also = aliases.isEmpty() ? "" : " (also looked for " + String.join(", ", aliases) + ")";
        throw LrlabException.data(file + ": no column '" + name + "'" + also + "; columns found: "
                + String.join(", ", header) + "; name the column with " + option);
    }

    private static String cell(CSVRecord record, int index) {
        return index < record.size() ? record.get(index) : "";
    }

    private static double parse(Path file, int line, int column, String name, String cell) {
        String lower = cell.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!cell.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw LrlabException.data(where(file, line, column) + "expected a number in column '" + name
                    + "', found '" + cell + "'");
        }
        return Double.parseDouble(cell);
    }

    private static String where(Path file, int line, int column) {
        return file + ":" + line + ":" + (column + 1) + ": ";
    }
}

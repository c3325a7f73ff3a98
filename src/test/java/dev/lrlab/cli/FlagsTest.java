package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.RangeTestConfig;
import dev.lrlab.search.SearchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library below {@code cli} speaks of Java properties and error kinds; the command line turns them into flags and
 * exit codes, each in one place ({@link Flags}, {@link ExitCode#of}).
 */
class FlagsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/lrlab");
    private static final Pattern FLAG = Pattern.compile("--[a-z]");
    private static final Pattern SETTING = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");

    /**
     * Files below {@code cli} whose string literals may hold {@code --x}, each with why it is not a flag of lrlab's
     * command line.
     */
    private static final Map<String, String> ALLOWED = Map.of(
            "model/demo/DemoModels.java", "the build-time tool's own command line (--only, --fashion-mnist), not lrlab's",
            "device/NvidiaGpus.java", "nvidia-smi's own command line (--query-gpu, --format), not lrlab's");

    @Test
    void noStringLiteralBelowCliNamesAFlag() {
        List<String> hits = new ArrayList<>();
        for (Path file : libraryFiles()) {
            String name = MAIN.relativize(file).toString().replace('\\', '/');
            if (ALLOWED.containsKey(name)) {
                continue;
            }
            for (String literal : stringLiterals(read(file))) {
                if (FLAG.matcher(literal).find()) {
                    hits.add(name + ": " + literal);
                }
            }
        }
        assertEquals(List.of(), hits, "name the Java property in backticks (`batchSize`), not the flag; cli's Flags maps it");
    }

    @Test
    void everySettingTheLibraryNamesHasAFlag() {
        TreeSet<String> named = new TreeSet<>();
        for (Path file : libraryFiles()) {
            for (String literal : stringLiterals(read(file))) {
                Matcher m = SETTING.matcher(literal);
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertTrue(named.size() > 30, "the scan found " + named);
        named.removeAll(Flags.BY_PROPERTY.keySet());
        assertEquals(new TreeSet<>(), named, "add these to Flags.BY_PROPERTY");
    }

    @Test
    void flagsReplaceTheBacktickedSettingsOnly() {
        assertEquals("--start-lr below --end-lr, found --start-lr 1 >= --end-lr 0.1; the input 'x'",
                Flags.inFlags("`startLr` below `endLr`, found `startLr` 1 >= `endLr` 0.1; the input 'x'"));
        assertEquals("no setting here: the output `unknownThing`", Flags.inFlags("no setting here: the output `unknownThing`"));
        assertEquals("plain", Flags.inFlags("plain"));
    }

    @Test
    void aLibraryErrorNamesThePropertyAndTheCommandLineShowsTheFlag() {
        LrlabException e = assertThrows(LrlabException.class,
                () -> RangeTestConfig.builder().optStartLr(1).optEndLr(0.1).build());
        assertEquals(LrlabException.Kind.SETTING, e.kind());
        assertEquals("expected `startLr` below `endLr`, found `startLr` 1.0 >= `endLr` 0.1; swap them", e.getMessage());
        assertEquals(List.of("startLr", "endLr"), e.settings());
        assertEquals("expected --start-lr below --end-lr, found --start-lr 1.0 >= --end-lr 0.1; swap them",
                Flags.inFlags(e.getMessage()));
        LrlabException perDecade = assertThrows(LrlabException.class,
                () -> SearchConfig.builder().optPerDecade(0).build());
        assertEquals("`perDecade` must be at least 1, found 0", perDecade.getMessage());
        assertEquals(List.of("perDecade"), perDecade.settings());
        assertEquals("--per-decade must be at least 1, found 0", Flags.inFlags(perDecade.getMessage()));
    }

    @Test
    void eachKindHasItsDocumentedExitCode() {
        Map<LrlabException.Kind, Integer> documented = Map.of(LrlabException.Kind.SETTING, 2, LrlabException.Kind.DATA, 3,
                LrlabException.Kind.MODEL, 4, LrlabException.Kind.DIVERGED, 5, LrlabException.Kind.OUTPUT, 6,
                LrlabException.Kind.WRITE_FAILED, 7, LrlabException.Kind.INTERRUPTED, 130, LrlabException.Kind.INTERNAL, 1);
        assertEquals(LrlabException.Kind.values().length, documented.size());
        documented.forEach((kind, code) -> assertEquals(code, ExitCode.of(kind).code(), kind.name()));
    }

    /** The wrong-flag case: an existing {@code train --out} file names {@code --out}, not {@code --out-dir}. */
    @Test
    void anExistingTrainOutNamesOut(@TempDir Path dir) throws IOException {
        Path curve = Files.writeString(dir.resolve("curve.csv"), "step,lr,loss\n");
        CliRun run = CliRun.of("train", "models/diabetes-linear", "--data", "data-samples/diabetes.csv", "--label",
                "progression", "--steps", "1", "--out", curve.toString());
        assertEquals(ExitCode.OUTPUT, run.code(), run.err());
        assertEquals("lrlab: " + curve + " exists; pass --force to overwrite it or choose another --out", run.lastErrorLine());
    }

    private static List<Path> libraryFiles() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(MAIN.resolve("cli"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The string literals of a Java source (text blocks included), comments and char literals skipped. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(source.substring(i + 1, j));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }
}

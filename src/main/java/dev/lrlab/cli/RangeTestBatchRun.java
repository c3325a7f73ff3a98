package dev.lrlab.cli;

import dev.lrlab.LrlabException;
import dev.lrlab.rangetest.batch.LocalRangeTests;
import dev.lrlab.rangetest.batch.RangeTestBatch;
import dev.lrlab.rangetest.batch.RangeTestEngine;
import dev.lrlab.rangetest.batch.RangeTestExecutor;
import dev.lrlab.rangetest.batch.RangeTestJob;
import dev.lrlab.rangetest.batch.RangeTestTable;
import dev.lrlab.report.OutputDirectory;
import dev.lrlab.report.ScientificFormat;
import dev.lrlab.run.CompileSettings;
import dev.lrlab.suggest.SuggestionMethod;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.cli.CommandLine;

/**
 * {@code lrlab range-test MODEL_DIR... --data FILE... [--engine local|spark]}: one range test per model and data file,
 * in this JVM one after the other or as Spark tasks; each test's files in a folder of its own and every test's
 * suggestions in {@code range-tests.csv} (see {@link RangeTestBatch}).
 */
final class RangeTestBatchRun {
    private RangeTestBatchRun() {
    }

    /** @return whether the command line asks for a batch: several models or data files, or an engine */
    static boolean isBatch(CommandLine line) {
        String[] data = line.getOptionValues("data");
        return line.getArgList().size() > 1 || data != null && data.length > 1 || line.hasOption("engine");
    }

    static ExitCode run(CommandLine line, CliContext context) {
        RunOptions.requireFixedRate(line, "range-test");
        if (line.getArgList().isEmpty() || !line.hasOption("data")) {
            throw LrlabException.usage("a batch of range tests needs MODEL_DIR... and --data FILE (repeat --data for "
                    + "several files)");
        }
        List<Path> models = line.getArgList().stream().map(Path::of).toList();
        List<Path> data = Arrays.stream(line.getOptionValues("data")).map(Path::of).toList();
        if (data.size() > 1 && line.hasOption("labels")) {
            throw LrlabException.usage("--labels pairs with one --data file, found " + data.size() + "; run one batch per "
                    + "images file");
        }
        RangeTestCommand.config(line, CompileSettings.DEFAULT_MOMENTUM); // the sweep's options fail here, before any work
        try { // and so do settings that fit no model (a bad --batch-size), rather than once per test
            BatchRecipe.of(line, data.get(0), false).spec(models.get(0));
        } catch (LrlabException e) {
            if (e.kind() == LrlabException.Kind.SETTING) {
                throw e;
            } // anything else is about that model or data file: its own test reports it
        }
        Optional<RangeTestEngine> engine = engine(line);
        List<String> names = RangeTestBatch.folderNames(models, data);
        String root = line.getOptionValue("executor-models");
        List<RangeTestBatch.Run> runs = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            for (int d = 0; d < data.size(); d++) {
                Path model = models.get(m);
                runs.add(new RangeTestBatch.Run(names.get(m * data.size() + d), model, data.get(d),
                        BatchRecipe.of(line, data.get(d), false),
                        new RangeTestJob(modelUri(model, root), BatchRecipe.of(line, data.get(d), true))));
            }
        }
        Path dir = line.hasOption("out-dir") ? Path.of(line.getOptionValue("out-dir"))
                : OutputDirectory.defaultPath(Path.of("runs"), "range-tests", LocalDateTime.now());
        RangeTestBatch.Report report;
        try (RangeTestBatch batch = RangeTestBatch.open(dir, line.hasOption("force"), Flags::inFlags);
                RangeTestExecutor executor = engine.isPresent() ? engine.get().open(Optional.ofNullable(
                        line.getOptionValue("master")), context::log) : new LocalRangeTests()) {
            context.log("range tests: " + runs.size() + " (" + models.size() + " model" + (models.size() == 1 ? "" : "s")
                    + " x " + data.size() + " data file" + (data.size() == 1 ? "" : "s") + ") on "
                    + engine.map(RangeTestEngine::name).orElse("this machine, one after the other"));
            report = batch.run(runs, executor, context.stop(), row -> {
                context.out().println(describe(row));
                context.out().flush();
            });
        }
        Path table = dir.resolve(RangeTestTable.FILE);
        context.out().println("output: " + dir + " (" + RangeTestTable.FILE + ", one folder per test)");
        context.out().flush();
        if (report.interrupted()) {
            throw LrlabException.interrupted("stopped after " + report.rows().size() + " of " + runs.size()
                    + " range tests; what finished is in " + dir);
        }
        if (report.failedCount() > 0) {
            throw new LrlabException(report.firstFailure().orElse(LrlabException.Kind.MODEL), report.failedCount() + " of "
                    + runs.size() + " range tests failed; the error column of " + table + " says why");
        }
        return ExitCode.OK;
    }

    /**
     * @return the cluster engine {@code --engine} names, empty for {@code local}
     * @throws LrlabException (USAGE) for an unknown engine, for {@code spark} in a build without it, and for the
     *     cluster options without a cluster engine
     */
    static Optional<RangeTestEngine> engine(CommandLine line) {
        String name = line.getOptionValue("engine", "local");
        if (name.equals("local")) {
            for (String option : new String[] {"master", "executor-models"}) {
                if (line.hasOption(option)) {
                    throw LrlabException.usage("--" + option + " is for a cluster engine; add --engine spark, or drop it");
                }
            }
            return Optional.empty();
        }
        if (!name.equals("spark")) {
            throw LrlabException.usage("--engine expects local or spark, found '" + name + "'");
        }
        return Optional.of(RangeTestEngine.find(name).orElseThrow(() -> LrlabException.usage("--engine spark needs the "
                + "Spark build: run target/lrlab-spark.jar with spark-submit, or scripts/lrlab with LRLAB_SPARK=1 (README: "
                + "Running trials on Spark)")));
    }

    /** @return where a test reads {@code model}: under {@code root} by the folder's name, else its absolute path */
    static String modelUri(Path model, String root) {
        if (root == null) {
            return model.toAbsolutePath().toString();
        }
        Path name = model.toAbsolutePath().normalize().getFileName();
        return (root.endsWith("/") ? root : root + "/") + (name == null ? "" : name.toString());
    }

    private static String describe(RangeTestTable.Row row) {
        if (row.isFailed()) {
            return row.run() + ": failed: " + row.error();
        }
        SuggestionMethod method = SuggestionMethod.VALLEY;
        OptionalDouble lr = row.suggestion(method);
        return row.run() + ": " + (lr.isPresent() ? method.methodName() + " " + ScientificFormat.format(lr.getAsDouble(), 3)
                : "no " + method.methodName() + " suggestion") + ", " + row.steps().getAsInt() + " steps ("
                + row.stop() + ")";
    }
}

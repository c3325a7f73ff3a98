package dev.lrlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lrlab.run.RunSpec;
import dev.lrlab.run.StopSignal;
import dev.lrlab.search.CoarseToFineSearch;
import dev.lrlab.search.SearchConfig;
import dev.lrlab.search.SearchListener;
import dev.lrlab.search.SearchResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark standalone cluster on 127.0.0.1, started from the test class path (the Maven jars, nothing downloaded): a
 * Master and a Worker, each its own JVM. The Worker launches the executor as a child JVM with Spark's launcher,
 * which wants a Spark installation: {@code SPARK_HOME} is a folder with an empty {@code jars/}, and the classes come
 * from {@code spark.executor.extraClassPath} (the test class path). A 3-trial search submitted to it must equal the
 * local search. Skipped, saying why, only when the Master or the Worker JVM cannot start.
 */
class StandaloneClusterTest {
    private static final long START_MILLIS = 120_000;
    @TempDir
    static Path dir;
    private static final List<Process> processes = new ArrayList<>();
    private static String master;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(sparkHome.resolve("jars"));
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        Process masterProcess = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())), sparkHome);
        waitForLog("master", masterProcess, "I have been elected leader");
        Process worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
                "--cores", "2", "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                dir.resolve("work").toString()), sparkHome);
        waitForLog("worker", worker, "Successfully registered with master");
    }

    private static Process start(String name, List<String> mainAndArguments, Path sparkHome) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(javaOptions());
        command.addAll(mainAndArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** The module flags surefire gave this JVM (the spark profile's argLine), for the Master and the Worker. */
    private static List<String> javaOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.startsWith("-Djdk.reflect"))
                .toList();
    }

    private static void waitForLog(String name, Process process, String line) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        long deadline = System.nanoTime() + START_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                Assumptions.abort("the Spark standalone " + name + " could not start (exit " + process.exitValue()
                        + "): " + tail(text));
            }
            Thread.sleep(200);
        }
        fail("the Spark standalone " + name + " did not log '" + line + "' within " + START_MILLIS / 1000 + " s: "
                + tail(Files.readString(log)));
    }

    private static String tail(String text) {
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
            processes.get(i).waitFor();
        }
    }

    @Test
    void aThreeTrialSearchOnTheClusterEqualsTheLocalSearch() throws IOException {
        SparkTrialsTest.Digits recipe = new SparkTrialsTest.Digits(1e-3, 1e-1);
        SearchConfig config = recipe.config().toBuilder().optFinePoints(1).build(); // the fine stage repeats the best
        RunSpec spec = recipe.spec(Path.of(SparkTrialsTest.digitsModel()));
        SearchResult local = CoarseToFineSearch.run(spec, config, SearchListener.NONE, new StopSignal());
        SparkConf conf = new SparkConf().setMaster(master).setAppName("StandaloneClusterTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "1g")
                .set("spark.cores.max", "2").set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        JavaSparkContext spark = new JavaSparkContext(conf);
        try (SparkTrials trials = SparkTrials.on(spark, new OneStage(recipe, config), SparkTrialsTest.digitsModel())) {
            SearchResult remote = CoarseToFineSearch.run(spec, config, trials, SearchListener.NONE, new StopSignal());
            assertEquals(3, remote.trials().size());
            assertTrue(remote.trials().stream().noneMatch(t -> t.failed()), () -> remote.trials().toString()
                    + "\nworker log: " + workerLog());
            SparkTrialsTest.assertSameTrials(local.trials(), remote.trials());
            assertTrue(Files.list(dir.resolve("work")).findAny().isPresent(), "the Worker ran an executor of its own");
        } finally {
            spark.stop();
        }
    }

    private static String workerLog() {
        try {
            return tail(Files.readString(dir.resolve("worker.log")));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The digits recipe with one fine point. */
    record OneStage(SparkTrialsTest.Digits digits, int finePoints) implements dev.lrlab.search.TrialRecipe {
        OneStage(SparkTrialsTest.Digits digits, SearchConfig config) {
            this(digits, config.finePoints());
        }

        @Override
        public RunSpec spec(Path model) {
            return digits.spec(model);
        }

        @Override
        public SearchConfig config(RunSpec spec) {
            return digits.config().toBuilder().optFinePoints(finePoints).build();
        }
    }
}

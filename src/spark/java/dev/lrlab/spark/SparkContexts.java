package dev.lrlab.spark;

import dev.lrlab.LrlabException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/** What the engines share: starting a Spark context, and naming the executor a task runs on. */
final class SparkContexts {
    private SparkContexts() {
    }

    /**
     * @param application the application's name in Spark's UI
     * @param master the master to use; empty for the one {@code spark-submit} set ({@code spark.master}), else
     *     {@link SparkTrialEngine#DEFAULT_MASTER}
     * @param log told the master and the application's id
     * @return the running context
     * @throws LrlabException (USAGE) when Spark cannot start on that master
     */
    static JavaSparkContext start(String application, Optional<String> master, Consumer<String> log) {
        SparkConf conf = new SparkConf().setAppName(application);
        master.ifPresent(conf::setMaster);
        if (!conf.contains("spark.master")) {
            conf.setMaster(SparkTrialEngine.DEFAULT_MASTER);
        }
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (Exception e) { // Spark throws SparkException, a checked exception Java does not see declared
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            throw LrlabException.usage("cannot start Spark on master " + conf.get("spark.master") + ": " + why
                    + "; give a master such as local[2] or spark://HOST:7077");
        }
        spark.setLogLevel("WARN");
        log.accept("spark: master " + spark.master() + ", application " + spark.sc().applicationId());
        return spark;
    }

    /** @return {@code executor ID on HOST}, or {@code executor driver on HOST} in local mode */
    static String where() {
        SparkEnv env = SparkEnv.get();
        String id = env != null ? env.executorId() : "?";
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        return "executor " + id + " on " + host;
    }

    /** Waits a moment between two looks at the running jobs; an interrupt is kept for the caller's stop check. */
    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

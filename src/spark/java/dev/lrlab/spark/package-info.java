/**
 * Apache Spark as a {@link dev.lrlab.search.TrialExecutor}: every trial of a search stage is one Spark task that
 * loads the model itself and returns its {@link dev.lrlab.search.TrialResult}; the driver plans the stages and
 * writes the report as a local search does. Likewise for a batch of range tests (the engine {@code spark} of
 * {@code lrlab range-test}): each test is one task ({@link dev.lrlab.spark.SparkRangeTests}), and the driver writes
 * each test's folder and the batch's table. Only in the Spark build ({@code mvn -Pspark}); Spark is not part of the
 * core jar. RDDs only (spark-core), no Spark SQL.
 *
 * <p>Limits: data files are read by each task at the path the spec names (a shared file system); only the model
 * may be given as a Hadoop URI, which each task copies to its local disk. A task loads the model again for every
 * trial (no model cache per executor). The driver of a range-test batch reads each model too (its spec and the
 * summary's hashes), so the model folders must be readable there as well as by the tasks.
 */
package dev.lrlab.spark;

/**
 * Range tests of several models or data files at once, one folder each and a table of every test's suggestions
 * ({@link dev.lrlab.rangetest.batch.RangeTestBatch}). The tests run on an executor: one after the other in this JVM
 * ({@link dev.lrlab.rangetest.batch.LocalRangeTests}), or as the tasks of a cluster engine found through
 * {@link dev.lrlab.rangetest.batch.RangeTestEngine} (the Spark build's {@code spark}); either way the files are written
 * by the process that started the batch, through {@link dev.lrlab.rangetest.RangeTestOutputs}, as a single range
 * test's are.
 *
 * <p>Limits: the process that writes the files reads each model again (for its spec and the summary's hashes), so
 * the models must be readable there too; the table's rows are in the order the tests finished.
 */
package dev.lrlab.rangetest.batch;

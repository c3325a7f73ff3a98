/**
 * The summaries runs write ({@code summary.json}, {@code summary.csv}) as records, one per run kind
 * ({@link dev.lrlab.report.summary.RangeTestRunSummary}, {@link dev.lrlab.report.summary.TrainRunSummary},
 * {@link dev.lrlab.report.summary.HypergradientRunSummary}, {@link dev.lrlab.report.summary.SearchRunSummary},
 * {@link dev.lrlab.report.summary.FitRunSummary}),
 * each starting with the same {@link dev.lrlab.report.summary.SummaryHead} and ending with the
 * {@link dev.lrlab.report.Provenance}. Jackson writes them with snake_case keys in the records' component order
 * and reads them back into equal records ({@code read(Path)} on each); the CSV is the same tree flattened to
 * dotted keys. The records hold plain values only (text, numbers, lists, maps), so this package depends on
 * nothing of lrlab's but {@code report}: the experiments fill them in.
 */
package dev.lrlab.report.summary;

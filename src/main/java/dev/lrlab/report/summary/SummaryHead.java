package dev.lrlab.report.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The first keys of every summary: what ran on which model and data. Written inline (not as a nested object).
 *
 * @param kind the run kind: {@code range-test}, {@code train}, {@code hypergradient} or {@code search}
 * @param model the SavedModel folder as given
 * @param data the data file as given
 * @param labels the labels file (NumPy, IDX data); omitted when there is none
 * @param label the label column (CSV data), or null
 * @param window the time-series window of CSV rows, e.g. {@code 24 steps of [load, temp] -> load 1 ahead,
 *     chronological split}; omitted when rows are samples
 * @param rows which rows of the data were kept, when not all: how they were drawn and how many; omitted for all rows
 * @param signature the signature key
 * @param output the output key trained, or null when the signature's only output
 * @param sequenceLength the time steps unrolled for recurrent layers whose inputs leave it open; omitted when not
 *     given
 * @param maxUnroll the most loop iterations unrolled into the training graph
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SummaryHead(
        String kind,
        String model,
        String data,
        @JsonInclude(JsonInclude.Include.NON_NULL) String labels,
        String label,
        @JsonInclude(JsonInclude.Include.NON_NULL) String window,
        @JsonInclude(JsonInclude.Include.NON_NULL) Rows rows,
        String signature,
        String output,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer sequenceLength,
        int maxUnroll) {

    /**
     * The rows of the data file a run kept, when it did not keep them all.
     *
     * @param method {@code first} (the first {@code max_rows} rows) or {@code reservoir} (a uniform sample of
     *     {@code sample} rows, drawn by reservoir sampling in one pass)
     * @param maxRows the rows read at most; omitted when the whole file was read
     * @param sample the sample size asked for; omitted without a sample (fewer are kept when the file has fewer rows)
     * @param seed the seed of the sample's draws; omitted without a sample
     * @param description the same in words, e.g. {@code a uniform sample of 500 rows (reservoir sampling, seed 1)}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rows(
            String method,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long maxRows,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer sample,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long seed,
            String description) {
    }
}

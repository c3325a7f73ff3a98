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
        String signature,
        String output,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer sequenceLength,
        int maxUnroll) {
}

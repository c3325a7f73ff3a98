/**
 * Readers for CSV, IDX and NPY data, in-memory datasets, deterministic shuffling, batching and
 * validation splits. Errors name the file, line and column.
 *
 * <p>{@link dev.lrlab.data.DatasetLoader#load(dev.lrlab.data.DataSpec)} is the entry point: it
 * picks {@link dev.lrlab.data.CsvDatasetReader}, {@link dev.lrlab.data.NpyReader} or {@link
 * dev.lrlab.data.IdxReader} by content and name and returns an immutable {@link
 * dev.lrlab.data.Dataset}. {@link dev.lrlab.data.Split} holds out validation rows, {@link
 * dev.lrlab.data.BatchOrder} gives each step its row indices and {@link
 * dev.lrlab.data.BatchBuffer} copies those rows into reused arrays. For a time series, a {@link
 * dev.lrlab.data.WindowSpec} on the spec has the CSV reader take the series columns, and {@link
 * dev.lrlab.data.SeriesWindows} cuts consecutive rows into windows and splits them chronologically
 * (instead of {@link dev.lrlab.data.Split}'s shuffled split), so no window straddles the split.
 *
 * <p>Limits: every dataset lives in memory as 32-bit floats (at most 2^31 values); there is no
 * streaming, no imputation (an empty, NaN or infinite cell is an error), no categorical feature
 * encoding (feature cells must be numbers), one label per example (no one-hot or multi-output
 * labels), and CSV files must be comma-separated UTF-8. Shuffles use {@link java.util.Random},
 * so a seed gives the same split and batch order on every platform. Nothing here imports
 * TensorFlow: the training layer turns batches into tensors of the model's dtype.
 */
package dev.lrlab.data;

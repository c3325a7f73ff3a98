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
 * <p>Numeric CSV columns are parsed from bytes straight into float arrays, in chunks on every core
 * ({@code CsvFloatReader}); a {@link dev.lrlab.data.RowSample} on the spec keeps the first N rows or a
 * reservoir sample while the file streams by, so only the kept rows are held. A float32 {@code .npy} is
 * memory-mapped rather than copied into the heap.
 *
 * <p>Limits: every dataset's rows are 32-bit floats (at most 2^31 values per array), in memory or in a
 * mapped file; a sample is drawn in one pass but still holds its rows; no imputation (an empty, NaN or infinite cell is an error), no categorical feature
 * encoding (feature cells must be numbers), one label per example (no one-hot or multi-output
 * labels), and CSV files must be comma-separated UTF-8. Shuffles use {@link java.util.Random},
 * so a seed gives the same split and batch order on every platform. Nothing here imports
 * TensorFlow: the training layer turns batches into tensors of the model's dtype.
 */
package dev.lrlab.data;

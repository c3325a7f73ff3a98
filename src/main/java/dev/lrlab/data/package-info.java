/**
 * Readers for CSV, IDX and NPY data, in-memory datasets, deterministic shuffling, batching and validation splits. Errors name the file, line and column.
 */
package dev.lrlab.data;

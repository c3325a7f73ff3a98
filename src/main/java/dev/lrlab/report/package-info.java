/**
 * Writers for curve CSVs (flushed per row), summaries (JSON and CSV), plots (PNG and SVG) and provenance. Nothing is overwritten without force; exports are atomic.
 */
package dev.lrlab.report;

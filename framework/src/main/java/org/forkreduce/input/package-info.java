/**
 * Input splits and record readers. Start at {@link org.forkreduce.input.Split} (a byte range of a
 * file) and {@link org.forkreduce.input.RecordReader}; the split-boundary rule for text lives in
 * {@code LineReader}, once, and for CSV in {@code CsvBoundaries}, which also proves files strict
 * so that their splits are parsed from their bytes ({@code Utf8CsvSource}) rather than by
 * Commons CSV ({@code CsvRecordSource}); or cuts a big file at line starts unproven
 * ({@link org.forkreduce.input.Split#speculative()}), for its parsers to check. This package
 * never imports the driver or worker packages.
 */
package org.forkreduce.input;

/**
 * Internal: not API. The text and CSV input formats behind {@link org.forkreduce.Inputs}: start
 * at {@code TextInput} and {@code CsvInput}. The split-boundary rule for text lives in {@code
 * LineReader}, once, and for CSV in {@code CsvBoundaries}, which also proves files strict so that
 * their splits are parsed from their bytes ({@code Utf8CsvSource}) rather than by Commons CSV
 * ({@code CsvRecordSource}); or cuts a big file at line starts unproven ({@link
 * org.forkreduce.Split#speculative()}), for its parsers to check. Never imports an engine or the
 * worker runtime.
 */
package org.forkreduce.internal.input;

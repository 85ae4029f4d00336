package org.forkreduce;

import java.nio.file.Path;

/** Factories for the inputs of a {@link Job}. */
public final class Inputs {
  private Inputs() {}

  /**
   * The lines of text files, as {@code String}s without their terminators.
   *
   * <p>Each path may be a file or a directory, read recursively in name order; inside directories,
   * names starting with '.' or '_' are skipped, as Hadoop does. Files ending in {@code .gz} are
   * decompressed and read whole (one split each). Text is UTF-8: a leading byte-order mark is
   * dropped, invalid bytes decode to U+FFFD (never an error), lines end at LF or CRLF (a lone CR is
   * not a line end), and a last line without a terminator is still a line.
   *
   * @throws InputException at once if a path does not exist or cannot be read
   */
  public static Input<String> textLines(Path... paths) {
    return ImplementationLoader.IMPLEMENTATION.textLines(paths);
  }

  /** The records of RFC 4180 CSV files with a header line; see {@link #csv(CsvOptions, Path...)}. */
  public static Input<CsvRow> csv(Path... paths) {
    return ImplementationLoader.IMPLEMENTATION.csv(CsvOptions.defaults(), paths);
  }

  /**
   * The records of CSV files read as {@code options} say. Each file starts with a header line
   * naming the columns (all files of one input must have the same header). A UTF-8 BOM is
   * dropped; {@code .gz} files are read whole. Files are split at record boundaries only, so
   * quoted fields may hold delimiters, doubled quotes and line breaks; a file that is not strict
   * RFC 4180 is read as one split rather than risk a wrong cut.
   *
   * @throws InputException at once if a path does not exist or cannot be read
   */
  public static Input<CsvRow> csv(CsvOptions options, Path... paths) {
    return ImplementationLoader.IMPLEMENTATION.csv(options, paths);
  }
}

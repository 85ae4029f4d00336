package org.forkreduce;

import java.nio.file.Path;

/** Factories for the inputs of a {@link Job}. */
public final class Inputs {
  private Inputs() {}

  /**
   * The lines of text files, as {@code String}s without their terminators.
   *
   * <p>Each path may be a file, a directory, read recursively in name order, or a stream:
   * {@code -} (standard input), a FIFO or a pipe's descriptor path (see {@link #streamLabel}),
   * read once into a private copy when planned. Inside directories, names starting with '.' or
   * '_' are skipped, as Hadoop does. Files ending in {@code .gz} are decompressed and read whole
   * (one split each). Text is UTF-8: a leading byte-order mark is dropped, invalid bytes decode to
   * U+FFFD (never an error), lines end at LF or CRLF (a lone CR is not a line end), and a last
   * line without a terminator is still a line.
   *
   * @throws InputException at once if a path does not exist, cannot be read, or is a socket or
   *     a device
   */
  public static Input<String> textLines(Path... paths) {
    return ImplementationLoader.IMPLEMENTATION.textLines(paths);
  }

  /**
   * How {@code path} is named when it is read as a stream, or null for a file, a directory, or a
   * path that is neither: {@code stdin} for {@code -}, {@code /dev/stdin} and {@code /dev/fd/0};
   * {@code fifo:/path} for a FIFO; {@code pipe:/dev/fd/63} for another descriptor's pipe (a
   * process substitution). Streams are read once, when the job is planned, into a private copy
   * that is then split like a regular file.
   */
  public static String streamLabel(Path path) {
    return ImplementationLoader.IMPLEMENTATION.streamLabel(path);
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

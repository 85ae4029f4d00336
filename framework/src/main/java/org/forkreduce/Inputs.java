package org.forkreduce;

import java.nio.file.Path;
import org.forkreduce.input.TextInput;

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
    return new TextInput(paths);
  }
}

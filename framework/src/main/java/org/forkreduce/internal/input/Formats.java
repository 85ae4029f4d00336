package org.forkreduce.internal.input;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;

/** The framework's input formats, for {@link org.forkreduce.Inputs} and the engines. */
public final class Formats {
  private Formats() {}

  /** Lines of UTF-8 text files; see {@link org.forkreduce.Inputs#textLines}. */
  public static Input<String> text(Path... paths) {
    return new TextInput(paths);
  }

  /** Records of CSV files; see {@link org.forkreduce.Inputs#csv(CsvOptions, Path...)}. */
  public static Input<CsvRow> csv(CsvOptions options, Path... paths) {
    return new CsvInput(options, paths);
  }

  /** See {@link org.forkreduce.Inputs#streamLabel(Path)}. */
  public static String streamLabel(Path path) {
    if (path.toString().equals(SpecialFiles.STDIN)) {
      return SpecialFiles.streamLabel(SpecialFiles.STDIN);
    }
    Path abs = path.toAbsolutePath().normalize();
    try {
      return Files.exists(abs) ? SpecialFiles.streamLabel(abs.toString()) : null;
    } catch (InputException e) {
      return null;
    }
  }

  /**
   * The total size of a framework input's files, found without planning, or -1 for any other
   * input or when the files cannot be listed (planning then reports why).
   */
  public static long knownBytes(Input<?> input) {
    return InputFiles.knownBytes(input);
  }
}

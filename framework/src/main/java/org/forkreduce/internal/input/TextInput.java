package org.forkreduce.internal.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.forkreduce.Input;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;

/**
 * Lines of UTF-8 text files; see {@link LineReader} for the decoding rules. Created by
 * {@link org.forkreduce.Inputs#textLines(Path...)}.
 */
final class TextInput implements Input<String> {
  private static final long serialVersionUID = 1L;

  private final List<String> roots;

  TextInput(Path... paths) {
    this.roots = List.copyOf(InputFiles.checkedRoots(paths));
  }

  List<String> roots() {
    return roots;
  }

  @Override
  public List<Split> splits(SplitPolicy policy) throws IOException {
    return InputFiles.plan(InputFiles.list(roots), policy);
  }

  @Override
  public RecordReader<String> open(Split split) throws IOException {
    if (split.compressed()) {
      return new LineReader(InputFiles.open(split, 0), 0, Long.MAX_VALUE);
    }
    long readFrom = Math.max(0, split.start() - 1);
    return new LineReader(InputFiles.open(split, readFrom), split.start(), split.end());
  }

  @Override
  public String describePosition(Split split, long offset) {
    return InputFiles.describePosition(split, offset);
  }

  @Override
  public String toString() {
    return "text lines of " + roots;
  }
}

package org.forkreduce.internal.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.forkreduce.Input;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;

/** Reads every split of an input in order, as the engines would, for comparison. */
final class SplitReading {
  private SplitReading() {}

  record Read(List<String> records, long bytes) {}

  static Read readAll(Input<String> input, long splitSize) throws IOException {
    List<String> records = new ArrayList<>();
    long bytes = 0;
    for (Split split : input.splits(new SplitPolicy(splitSize, 1))) {
      try (RecordReader<String> reader = input.open(split)) {
        while (reader.next()) {
          records.add(reader.current());
        }
        bytes += reader.bytesConsumed();
      }
    }
    return new Read(records, bytes);
  }

  static Path write(Path dir, String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }
}

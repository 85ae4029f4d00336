package org.forkreduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small jobs and their naive references, shared by the engine tests. */
public final class Jobs {
  private Jobs() {}

  /** Counts space-separated tokens, and counts lines in a user counter. */
  public static final class TokenCount implements Mapper<String, String, Long> {
    @Override
    public void map(String line, Emitter<String, Long> out) {
      out.count("lines", 1);
      for (String token : line.split(" ")) {
        if (!token.isEmpty()) {
          out.emit(token, 1L);
        }
      }
    }
  }

  /**
   * Counts space-separated tokens in a table of its own, emitted at flush, and says how much it
   * holds ({@link Mapper#heldBytes}), as word count's mapper does. {@link #handingOn} is told of
   * each pair as the table is handed on.
   */
  public static class TableCount implements Mapper<String, String, Long> {
    private transient Map<String, long[]> table;

    @Override
    public void map(String line, Emitter<String, Long> out) {
      if (table == null) {
        table = new HashMap<>();
      }
      for (String token : line.split(" ")) {
        table.computeIfAbsent(token, t -> new long[1])[0]++;
      }
    }

    @Override
    public void flush(Emitter<String, Long> out) {
      if (table == null) {
        return;
      }
      int n = 0;
      for (Map.Entry<String, long[]> e : table.entrySet()) {
        handingOn(n++, table.size());
        out.emit(e.getKey(), e.getValue()[0]);
      }
      table = null;
    }

    /** Called before the {@code n}-th of {@code size} pairs of a flush is emitted. */
    protected void handingOn(int n, int size) {}

    @Override
    public long heldBytes() {
      return table == null ? 0 : table.size() * 120L;
    }
  }

  public static Job<String, String, Long> tokenCount(Path... paths) {
    return Job.of(Inputs.textLines(paths)).mapper(new TokenCount()).reducer(Long::sum);
  }

  /** The reference: read each file whole, one thread, and count tokens with a HashMap. */
  public static Map<String, Long> naiveTokenCount(List<Path> files) {
    Map<String, Long> counts = new HashMap<>();
    for (Path f : files) {
      for (String line : lines(f)) {
        for (String token : line.split(" ")) {
          if (!token.isEmpty()) {
            counts.merge(token, 1L, Long::sum);
          }
        }
      }
    }
    return counts;
  }

  /** Lines as a plain sequential read gives them. */
  public static List<String> lines(Path file) {
    try {
      return LineReference.lines(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

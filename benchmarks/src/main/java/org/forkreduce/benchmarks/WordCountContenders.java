package org.forkreduce.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.forkreduce.Engine;
import org.forkreduce.examples.wordcount.WordCount;
import org.forkreduce.examples.wordcount.WordCountMapper;

/** The word-count contenders; each returns the counts so the harness can check them. */
final class WordCountContenders {
  private WordCountContenders() {}

  static Map<String, Long> run(String contender, Path file, int workers) throws IOException {
    return switch (contender) {
      case "forkreduce-inline" -> forkReduce(Engine.inline(), file);
      case "forkreduce-threads" -> forkReduce(Engine.threads(workers), file);
      case "forkreduce-processes" -> forkReduce(Engine.processes(workers), file);
      case "plain-loop" -> plainLoop(file);
      case "parallel-streams" -> parallelStreams(file);
      case "duckdb" -> duckDb(file, workers);
      case "forkreduce-spark", "spark-rdd" -> SparkContenders.wordCount(contender, file, workers);
      default -> throw new IllegalArgumentException("unknown word-count contender " + contender);
    };
  }

  private static Map<String, Long> forkReduce(Engine engine, Path file) {
    try (engine) {
      return WordCount.job(file).run(engine).toMap();
    }
  }

  /** One thread, a BufferedReader, the same tokenizer, a HashMap: what a user would write. */
  private static Map<String, Long> plainLoop(Path file) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        WordCountMapper.words(line, w -> counts.merge(w, 1L, Long::sum));
      }
    }
    return counts;
  }

  /** {@code Files.lines(...).parallel()} into a ConcurrentHashMap, with the same tokenizer. */
  private static Map<String, Long> parallelStreams(Path file) throws IOException {
    Map<String, Long> counts = new ConcurrentHashMap<>();
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.parallel().forEach(line -> WordCountMapper.words(line,
          w -> counts.merge(w, 1L, Long::sum)));
    }
    return counts;
  }

  /**
   * DuckDB over JDBC, same machine and thread count: lines read as a one-column CSV (no quoting;
   * the generated corpus has no tabs), split on runs of what is neither a letter nor a decimal
   * digit (Java's {@code isLetterOrDigit}), lowercased, grouped. The generated corpus is ASCII,
   * where DuckDB's {@code lower} and Java's agree.
   */
  private static Map<String, Long> duckDb(Path file, int workers) throws IOException {
    String sql = "SELECT word, count(*) FROM (SELECT unnest(regexp_split_to_array(lower(line),"
        + " '[^\\p{L}\\p{Nd}]+')) AS word FROM read_csv('" + file.toAbsolutePath()
        + "', columns = {'line': 'VARCHAR'}, header = false, delim = '\\t', quote = '',"
        + " escape = '', auto_detect = false)) WHERE word <> '' GROUP BY word";
    Map<String, Long> counts = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET threads = " + workers);
      try (ResultSet r = s.executeQuery(sql)) {
        while (r.next()) {
          counts.put(r.getString(1), r.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IOException("DuckDB word count failed: " + e.getMessage(), e);
    }
    return counts;
  }

  /** An order-independent digest of the counts: words, distinct words and a hash. */
  static String check(Map<String, Long> counts) {
    long words = 0;
    long hash = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      words += e.getValue();
      hash += (e.getKey().hashCode() * 0x9E3779B97F4A7C15L) ^ e.getValue();
    }
    return "words=" + words + " distinct=" + counts.size() + " hash=" + Long.toHexString(hash);
  }
}

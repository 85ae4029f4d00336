package org.forkreduce.benchmarks.micro;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.Inputs;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.datasets.ZipfCorpus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading every record of the splits of a file from the page cache: 16 MiB of Zipf text as
 * lines, and 200k G1 rows through the CSV record path (boundaries, parse, row objects).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SplitReadBenchmark {
  private Path dir;
  private Input<String> text;
  private List<Split> textSplits;
  private Input<CsvRow> csv;
  private List<Split> csvSplits;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("forkreduce-jmh-");
    Path textFile = dir.resolve("zipf.txt");
    try (OutputStream out = Files.newOutputStream(textFile)) {
      new ZipfCorpus(ZipfCorpus.VOCABULARY, ZipfCorpus.EXPONENT, 42).write(out, 16 << 20, 42);
    }
    G1Table table = new G1Table(200_000, 100, 0, false);
    Path csvFile = dir.resolve(table.fileName());
    try (Writer w = Files.newBufferedWriter(csvFile, StandardCharsets.US_ASCII)) {
      table.write(w, 42);
    }
    text = Inputs.textLines(textFile);
    textSplits = text.splits(new SplitPolicy(4 << 20, 1));
    csv = Inputs.csv(csvFile);
    csvSplits = csv.splits(new SplitPolicy(4 << 20, 1));
  }

  @TearDown
  public void tearDown() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public long textLines() throws IOException {
    return readAll(text, textSplits, String::length);
  }

  @Benchmark
  public long csvRecords() throws IOException {
    return readAll(csv, csvSplits, row -> row.utf8Length(0) + row.getLong(6));
  }

  /** The sum of {@code use} over every record: a field read, as a job would. */
  private static <I> long readAll(Input<I> input, List<Split> splits, ToLongFunction<I> use)
      throws IOException {
    long records = 0;
    for (Split split : splits) {
      try (RecordReader<I> reader = input.open(split)) {
        while (reader.next()) {
          records += use.applyAsLong(reader.current());
        }
      }
    }
    return records;
  }
}

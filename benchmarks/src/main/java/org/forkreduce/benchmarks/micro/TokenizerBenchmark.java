package org.forkreduce.benchmarks.micro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.forkreduce.Emitter;
import org.forkreduce.datasets.ZipfCorpus;
import org.forkreduce.examples.wordcount.WordCountMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The word tokenizer over 4 MiB of Zipf text already in memory: the mapper counting into its
 * word table, against the same tokenizer feeding a {@code HashMap<String, Long>}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenizerBenchmark {
  private List<String> lines;

  @Setup
  public void setUp() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ZipfCorpus(ZipfCorpus.VOCABULARY, ZipfCorpus.EXPONENT, 42).write(out, 4 << 20, 42);
    lines = out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Benchmark
  public long mapperWithWordTable() {
    WordCountMapper mapper = new WordCountMapper();
    long[] distinct = new long[1];
    Emitter<String, Long> out = new Emitter<>() {
      @Override
      public void emit(String key, Long value) {
        distinct[0]++;
      }

      @Override
      public void count(String name, long delta) {}
    };
    for (String line : lines) {
      mapper.map(line, out);
    }
    mapper.flush(out);
    return distinct[0];
  }

  @Benchmark
  public int tokenizerIntoHashMap() {
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines) {
      WordCountMapper.words(line, w -> counts.merge(w, 1L, Long::sum));
    }
    return counts.size();
  }
}

package org.forkreduce.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.forkreduce.Engine;
import org.forkreduce.JobResult;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/** Word count over the real texts in ../shared/data/text against the naive reference. */
class WordCountSharedTextTest {

  static Path textDir() {
    String configured = System.getProperty("forkreduce.sharedData", "../../shared/data");
    Path dir = Path.of(configured, "text");
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared data absent: " + dir);
    return dir;
  }

  static List<Path> texts() throws IOException {
    try (Stream<Path> s = Files.list(textDir())) {
      return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
  }

  private static void check(List<Path> files, Supplier<Engine> engines, long... splitSizes)
      throws IOException {
    check(files, files, engines, splitSizes);
  }

  /** Runs the job over {@code inputs}; the reference reads {@code files}, the same texts. */
  private static void check(List<Path> inputs, List<Path> files, Supplier<Engine> engines,
      long... splitSizes) throws IOException {
    Map<String, Long> expected = NaiveWordCount.count(files);
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    try (Engine engine = engines.get()) {
      for (long splitSize : splitSizes) {
        JobResult<String, Long> result = WordCount.job(inputs.toArray(Path[]::new))
            .splitSize(splitSize).run(engine);
        assertThat(result.toMap()).as("%s, %s, split %d", files, engine.name(), splitSize)
            .isEqualTo(expected);
        assertThat(result.counters().get(Counters.BYTES_READ)).isEqualTo(bytes);
      }
    }
  }

  @Test
  void run_eachSharedText_equalsNaiveCountOnEveryEngine() throws IOException {
    for (Path text : texts()) {
      check(List.of(text), Engine::inline, 1 << 20, 4093);
      check(List.of(text), () -> Engine.threads(2), 1 << 16, 997);
      check(List.of(text), () -> Engine.threads(3), 1 << 20, 8191);
      check(List.of(text), () -> Engine.processes(2), 1 << 18, 10_007);
    }
  }

  @Test
  void run_smallTextWithTinySplits_equalsNaiveCount() throws IOException {
    Path kafka = textDir().resolve("pg22367_die_verwandlung_de.txt");
    check(List.of(kafka), () -> Engine.threads(2), 3, 5);
    check(List.of(kafka), Engine::inline, 2);
    check(List.of(kafka), () -> Engine.processes(2), 7);
  }

  @Test
  void run_allTextsAsOneJob_equalsNaiveCount() throws IOException {
    check(texts(), () -> Engine.threads(2), 100_000);
    check(List.of(textDir()), texts(), () -> Engine.threads(2), 1 << 18);
    check(texts(), () -> Engine.processes(3), 65_536);
  }

  @Test
  void run_prideAndPrejudice_bomAndCrlfLeaveNoTrace() throws IOException {
    Path pride = textDir().resolve("pg1342_pride_and_prejudice_en.txt");
    try (Engine engine = Engine.threads(2)) {
      Map<String, Long> counts = WordCount.job(pride).splitSize(5000).run(engine).toMap();
      assertThat(counts.keySet()).noneMatch(w -> w.contains("\uFEFF") || w.contains("\r"));
      assertThat(counts).containsKey("the");
    }
  }
}

package org.forkreduce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jobs with far more distinct keys than their memory budget holds, on every engine: the workers
 * spill, each partition is merged on its own, and the result is read from disk; every way of
 * reading it gives exactly the naive reference.
 */
class LargerThanMemoryTest {
  private static final long BUDGET = 2L << 20;
  private static final Comparator<Map.Entry<String, Long>> COUNT_THEN_WORD =
      Map.Entry.<String, Long>comparingByValue().reversed()
          .thenComparing(Map.Entry.comparingByKey());

  @TempDir static Path dir;
  private static Path input;
  private static Map<String, Long> expected;
  private static Engine processes;

  @BeforeAll
  static void writeInput() throws IOException {
    input = dir.resolve("keys.txt");
    Random random = new Random(18);
    StringBuilder sb = new StringBuilder();
    for (int line = 0; line < 60_000; line++) {
      for (int t = 0; t < 8; t++) {
        sb.append('k').append(random.nextInt(400_000)).append(t < 7 ? " " : "\n");
      }
    }
    Files.writeString(input, sb, UTF_8);
    expected = Jobs.naiveTokenCount(List.of(input));
    processes = Engine.processes(WorkerOptions.defaults().workers(2).heap("128m")
        .tempDirectory(dir));
  }

  @AfterAll
  static void stop() {
    processes.close();
  }

  private static Engine engine(String name) {
    return switch (name) {
      case "inline" -> Engine.inline();
      case "threads" -> Engine.threads(2);
      default -> processes;
    };
  }

  private static JobResult<String, Long> run(String engine, Mapper<String, String, Long> mapper) {
    return Job.of(Inputs.textLines(input)).mapper(mapper).reducer(Long::sum)
        .splitSize(256 << 10).memoryBudget(BUDGET).run(engine(engine));
  }

  @ParameterizedTest
  @ValueSource(strings = {"inline", "threads", "processes"})
  void run_keysFarAboveTheBudget_spillsAndStreamsTheExactAnswer(String engine) throws IOException {
    try (JobResult<String, Long> result = run(engine, new Jobs.TokenCount())) {
      assertThat(result.inMemory()).isFalse();
      assertThat(result.counters().get(Counters.SPILL_FILES)).isPositive();
      assertThat(result.counters().get(Counters.SPILLED_RECORDS)).isPositive();
      assertThat(result.counters().get(Counters.SPILLED_BYTES)).isPositive();
      assertThat(result.size()).isEqualTo(expected.size());
      assertThat(result.counters().get(Counters.DISTINCT_KEYS)).isEqualTo(expected.size());
      Map<String, Long> streamed = new HashMap<>();
      try (Stream<Map.Entry<String, Long>> entries = result.stream()) {
        entries.forEach(e -> assertThat(streamed.put(e.getKey(), e.getValue())).isNull());
      }
      assertThat(streamed).isEqualTo(expected);
      assertThatThrownBy(result::toMap).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stream()").hasMessageContaining("drain")
          .hasMessageContaining("writeTo");
      Path out = dir.resolve("out-" + engine);
      result.writeTo(out, COUNT_THEN_WORD, WriteOption.OVERWRITE);
      assertThat(partLines(out)).isEqualTo(expected.entrySet().stream().sorted(COUNT_THEN_WORD)
          .map(e -> e.getKey() + "\t" + e.getValue()).toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"inline", "threads", "processes"})
  void run_mapperWithItsOwnTable_isFlushedMidTaskAndGivesTheExactAnswer(String engine) {
    try (JobResult<String, Long> result = run(engine, new Jobs.TableCount())) {
      assertThat(result.counters().get(Counters.SPILL_FILES)).isPositive();
      Map<String, Long> drained = new HashMap<>();
      result.drain((k, v) -> assertThat(drained.put(k, v)).isNull());
      assertThat(drained).isEqualTo(expected);
      assertThat(result.size()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"inline", "threads", "processes"})
  void run_resultWithinTheBudget_staysInMemoryAsBefore(String engine) {
    try (JobResult<String, Long> result = Job.of(Inputs.textLines(input))
        .mapper(new Jobs.TokenCount()).reducer(Long::sum).run(engine(engine))) {
      assertThat(result.inMemory()).isTrue();
      assertThat(result.counters().get(Counters.SPILL_FILES)).isZero();
      assertThat(result.toMap()).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"processes"})
  void close_resultOnDisk_removesTheJobDirectory(String engine) throws IOException {
    JobResult<String, Long> result = run(engine, new Jobs.TokenCount());
    assertThat(jobDirs()).hasSize(1);
    result.close();
    assertThat(jobDirs()).isEmpty();
    assertThatThrownBy(result::stream).hasMessageContaining("closed");
  }

  private static List<Path> jobDirs() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("forkreduce-job-")).toList();
    }
  }

  private static List<String> partLines(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(out)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted().toList()) {
        lines.addAll(Files.readAllLines(part, UTF_8));
      }
    }
    assertThat(out.resolve("_SUCCESS")).exists();
    return lines;
  }
}

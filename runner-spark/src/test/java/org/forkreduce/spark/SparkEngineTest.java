package org.forkreduce.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobFailedException;
import org.forkreduce.JobResult;
import org.forkreduce.Mapper;
import org.forkreduce.NotShippableException;
import org.forkreduce.datasets.G1Questions;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.examples.dataframe.DataFrame;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.forkreduce.examples.wordcount.WordCount;
import org.forkreduce.spi.JobResults;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

/** Spark local[2] gives exactly what the processes engine gives, and fails the same way. */
class SparkEngineTest {
  @TempDir static Path dir;
  static Engine spark;
  static Engine processes;

  @BeforeAll
  static void start() {
    spark = Engine.named("spark", 2, "local[2]");
    processes = Engine.processes(2);
  }

  @AfterAll
  static void stop() {
    spark.close();
    processes.close();
  }

  static Path sharedText() {
    String base = System.getProperty("forkreduce.sharedData", "../../shared/data");
    return Path.of(base, "text");
  }

  @Test
  void named_spark_isSparkEngineOnLocal2() {
    assertThat(spark).isInstanceOf(SparkEngine.class);
    assertThat(spark.name()).isEqualTo("spark");
    assertThat(spark.workers()).isEqualTo(2);
  }

  @Test
  void wordCount_sharedTexts_equalsProcessesEngine() {
    Path text = sharedText();
    assumeTrue(Files.isDirectory(text), "../shared/data/text is absent");
    Job<String, String, Long> job = WordCount.job(text).splitSize(256 << 10);
    JobResult<String, Long> expected = job.run(processes);
    JobResult<String, Long> actual = job.run(spark);
    assertThat(actual.toMap()).isEqualTo(expected.toMap());
    // word count emits at flush: once per Spark task, once per worker process
    Map<String, Long> sparkCounters = new HashMap<>(actual.counters().asMap());
    Map<String, Long> processCounters = new HashMap<>(expected.counters().asMap());
    assertThat(sparkCounters.remove(Counters.RECORDS_EMITTED))
        .isGreaterThanOrEqualTo(processCounters.remove(Counters.RECORDS_EMITTED))
        .isGreaterThanOrEqualTo(actual.toMap().size());
    assertThat(sparkCounters).isEqualTo(processCounters);
    assertThat(actual.stats().splits()).isEqualTo(expected.stats().splits()).isGreaterThan(2);
  }

  @Test
  void wordCount_edgeTextTinySplits_equalsInline() throws IOException {
    Path file = dir.resolve("edges.txt");
    Files.writeString(file, "\uFEFFzwölf Äpfel\r\nnaïve café ☕ café\rlast line ☕", UTF_8);
    Job<String, String, Long> job = WordCount.job(file).splitSize(3);
    try (Engine inline = Engine.inline()) {
      JobResult<String, Long> actual = job.run(spark);
      assertThat(actual.toMap()).isEqualTo(job.run(inline).toMap());
      assertThat(actual.counters().get(Counters.BYTES_READ)).isEqualTo(Files.size(file));
    }
  }

  @Test
  void run_emptyFile_givesEmptyResult() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    JobResult<String, Long> result = WordCount.job(empty).run(spark);
    assertThat(result.size()).isZero();
    assertThat(result.stats().splits()).isZero();
  }

  @Test
  void run_mapOnly_keepsSplitAndEmitOrder() throws IOException {
    Path file = dir.resolve("lines.txt");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("line ").append(i).append('\n');
    }
    Files.writeString(file, sb, UTF_8);
    Job<String, String, Integer> job = Job.of(Inputs.textLines(file))
        .<String, Integer>mapper((line, out) -> out.emit(line, line.length())).splitSize(300);
    try (Engine inline = Engine.inline()) {
      JobResult<String, Integer> actual = job.run(spark);
      assertThat(actual.isMapOnly()).isTrue();
      assertThat(actual.stream().toList()).isEqualTo(job.run(inline).stream().toList());
    }
  }

  @Test
  void questions_smallG1_equalProcessesEngine() throws IOException {
    Path g1 = dir.resolve("G1.csv");
    try (Writer w = Files.newBufferedWriter(g1, StandardCharsets.US_ASCII)) {
      new G1Table(20_000, 10, 5, false).write(w, 7);
    }
    for (G1Questions.Question q : G1Questions.QUESTIONS) {
      DataFrame.Aggregation agg = DataFrame.csv(g1).groupBy(q.by().toArray(String[]::new))
          .agg(q.aggs().toArray(String[]::new)).splitSize(64 << 10);
      assertThat(csv(agg.run(spark))).as("%s", q).isEqualTo(csv(agg.run(processes)));
    }
  }

  @Test
  void csv_quotedNewlinesAcrossSplits_equalInline() throws IOException {
    Path file = dir.resolve("quoted.csv");
    StringBuilder sb = new StringBuilder("k,v,note\r\n");
    for (int i = 0; i < 300; i++) {
      sb.append("k").append(i % 7).append(',').append(i)
          .append(",\"multi\r\nline, \"\"quoted\"\" ").append(i).append("\"\r\n");
    }
    Files.writeString(file, sb, UTF_8);
    DataFrame.Aggregation agg = DataFrame.csv(file).groupBy("k")
        .agg("sum(v) AS v", "count() AS n", "first(note) AS note").splitSize(97);
    try (Engine inline = Engine.inline()) {
      assertThat(csv(agg.run(spark))).isEqualTo(csv(agg.run(inline)));
    }
  }

  private static String csv(ResultTable table) throws IOException {
    StringBuilder sb = new StringBuilder();
    table.writeCsv(sb);
    return sb.toString();
  }

  @Test
  void run_unshippableMapper_namedBeforeSparkRunsAnything() throws IOException {
    Path file = Files.writeString(dir.resolve("u.txt"), "a b\n", UTF_8);
    Thread notSerializable = new Thread(() -> { });
    Mapper<String, String, Long> mapper = (line, out) -> out.emit(notSerializable.getName(), 1L);
    int jobsBefore = sparkJobs();
    assertThatThrownBy(() -> Job.of(Inputs.textLines(file)).mapper(mapper).reducer(Long::sum)
        .run(spark))
        .isInstanceOf(NotShippableException.class)
        .hasMessageContaining("The mapper (a lambda in " + SparkEngineTest.class.getName() + ")")
        .hasMessageContaining("it captures a java.lang.Thread");
    assertThat(sparkJobs()).isEqualTo(jobsBefore);
  }

  private static int sparkJobs() {
    return context().statusTracker().getJobIdsForGroup(null).length;
  }

  @Test
  void run_mapperThrows_jobFailedNamesFileLineAndCause() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.txt"), "ok\nok\nboom here\nok\n", UTF_8);
    Mapper<String, String, Long> mapper = (line, out) -> {
      if (line.startsWith("boom")) {
        throw new IllegalStateException("cannot map " + line);
      }
      out.emit(line, 1L);
    };
    assertThatThrownBy(() -> Job.of(Inputs.textLines(file)).mapper(mapper).reducer(Long::sum)
        .run(spark))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("spark (local[2])")
        .hasMessageContaining("bad.txt")
        .hasMessageContaining("line 3")
        .hasMessageContaining("boom here")
        .cause().hasMessage("cannot map boom here");
  }

  @Test
  void run_reducerReturnsNull_jobFailedSaysWhy() throws IOException {
    Path file = Files.writeString(dir.resolve("n.txt"), "a\na\na\nb\n", UTF_8);
    Job<String, String, Long> job = WordCount.job(file).reducer((a, b) -> null).splitSize(2);
    assertThatThrownBy(() -> job.run(spark))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("returned null");
    assertThat(context().getPersistentRDDs()).as("the reduced pairs, released").isEmpty();
  }

  @Test
  void result_toMapAndCounters_likeEveryEngine() throws IOException {
    Path file = Files.writeString(dir.resolve("c.txt"), "x y x\nz\n", UTF_8);
    JobResult<String, Long> result = WordCount.job(file).run(spark);
    assertThat(result.toMap()).isEqualTo(Map.of("x", 2L, "y", 1L, "z", 1L));
    assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(2);
    assertThat(result.counters().get(Counters.DISTINCT_KEYS)).isEqualTo(3);
    assertThat(result.stats().engine()).isEqualTo("spark");
    assertThat(result.inMemory()).isTrue();
    assertThat(context().getPersistentRDDs()).as("the reduced pairs, released").isEmpty();
  }

  private static JavaSparkContext context() {
    return JavaSparkContext.fromSparkContext(SparkContext.getOrCreate());
  }

  @Test
  void partitions_overBudget_streamEveryPairOnceFromDisjointSmallPartitions() {
    Map<String, Long> expected = new HashMap<>();
    List<Tuple2<Shipped<String>, Shipped<Long>>> pairs = new ArrayList<>();
    Random random = new Random(18);
    for (int i = 0; i < 10_000; i++) {
      long count = 1 + random.nextInt(1000);
      expected.put("key" + i, count);
      pairs.add(new Tuple2<>(new Shipped<>("key" + i), new Shipped<>(count)));
    }
    ReducedPairs<String, Long> reduced = ReducedPairs.persisted(
        context().parallelizePairs(pairs, 2), IllegalStateException::new);
    // "key12345": a 24-byte String and its 24-byte array; a 24-byte Long; a 48-byte map entry
    assertThat(reduced.heapBytes()).isBetween(10_000L * 100, 10_000L * 160);
    long budget = 1 << 20;
    assertThat(reduced.fit(budget)).isFalse();
    JobResults.Partitions<String, Long> partitions = reduced.partitions(budget);

    assertThat(partitions.keys()).isEqualTo(10_000);
    assertThat(partitions.heapBytes()).isEqualTo(reduced.heapBytes());
    assertThat(partitions.tempDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat((long) partitions.streams().size())
        .isGreaterThanOrEqualTo(reduced.heapBytes() * ReducedPairs.PARTITIONS_PER_BUDGET / budget);
    Map<String, Long> actual = new HashMap<>();
    List<Set<String>> keysOf = new ArrayList<>();
    for (Supplier<Stream<Map.Entry<String, Long>>> partition : partitions.streams()) {
      Set<String> keys = new HashSet<>();
      keysOf.add(keys);
      try (Stream<Map.Entry<String, Long>> entries = partition.get()) {
        entries.forEach(e -> {
          assertThat(actual.put(e.getKey(), e.getValue())).as("%s read twice", e).isNull();
          keys.add(e.getKey());
        });
      }
      assertThat(keys.size()).as("a partition's share").isLessThan(10_000 / 4);
    }
    try (Stream<Map.Entry<String, Long>> again = partitions.streams().get(0).get()) {
      assertThat(again.map(Map.Entry::getKey)).as("a fresh stream")
          .containsExactlyInAnyOrderElementsOf(keysOf.get(0));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(context().getPersistentRDDs()).hasSize(1);
    partitions.onClose().run();
    assertThat(context().getPersistentRDDs()).isEmpty();
  }

  @Test
  void run_resultOverBudget_writesWhatInlineWritesWithoutHoldingIt() throws IOException {
    Path file = dir.resolve("distinct.txt");
    Random random = new Random(18);
    try (Writer w = Files.newBufferedWriter(file, UTF_8)) {
      for (int i = 0; i < 30_000; i++) {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          w.write("w" + random.nextInt(1000) + " w" + i + '\n');
        }
      }
    }
    Job<String, String, Long> job = WordCount.job(file).splitSize(128 << 10);
    Path expected = dir.resolve("inline-out");
    try (Engine inline = Engine.inline(); JobResult<String, Long> reference = job.run(inline)) {
      reference.writeTo(expected, WordCount.BY_COUNT_THEN_WORD);
    }
    try (JobResult<String, Long> result = job.memoryBudget(1 << 20).run(spark)) {
      assertThat(result.inMemory()).isFalse();
      assertThatThrownBy(result::toMap).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stream").hasMessageContaining("drain")
          .hasMessageContaining("writeTo");
      Path actual = dir.resolve("spark-out");
      result.writeTo(actual, WordCount.BY_COUNT_THEN_WORD);
      assertSameFiles(actual, expected);
      assertThat(result.size()).isEqualTo(30_000);
    }
    assertThat(context().getPersistentRDDs()).isEmpty();
  }

  private static void assertSameFiles(Path actual, Path expected) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(expected)) {
      names = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    try (Stream<Path> files = Files.list(actual)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted()).isEqualTo(names);
    }
    for (String name : names) {
      assertThat(Files.mismatch(actual.resolve(name), expected.resolve(name))).as(name)
          .isEqualTo(-1L);
    }
  }
}

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    return JavaSparkContext.fromSparkContext(SparkContext.getOrCreate()).statusTracker()
        .getJobIdsForGroup(null).length;
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
  }

  @Test
  void result_toMapAndCounters_likeEveryEngine() throws IOException {
    Path file = Files.writeString(dir.resolve("c.txt"), "x y x\nz\n", UTF_8);
    JobResult<String, Long> result = WordCount.job(file).run(spark);
    assertThat(result.toMap()).isEqualTo(Map.of("x", 2L, "y", 1L, "z", 1L));
    assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(2);
    assertThat(result.counters().get(Counters.DISTINCT_KEYS)).isEqualTo(3);
    assertThat(result.stats().engine()).isEqualTo("spark");
  }
}

package org.forkreduce.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.forkreduce.CsvRow;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobFailedException;
import org.forkreduce.JobResult;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.forkreduce.NotShippableException;
import org.forkreduce.RemoteTaskException;
import org.forkreduce.stats.Counters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EngineTest {
  @TempDir Path dir;

  static Stream<Supplier<Engine>> engines() {
    return Stream.of(Engine::inline, () -> Engine.threads(1), () -> Engine.threads(2),
        () -> Engine.threads(3), () -> Engine.processes(2));
  }

  private Path randomText(String name, long seed, int lines) throws IOException {
    Random random = new Random(seed);
    String[] words = {"alpha", "beta", "gamma", "délta", "€uro", "😀", "x", "y"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int n = random.nextInt(8);
      for (int w = 0; w < n; w++) {
        sb.append(words[random.nextInt(words.length)]).append(random.nextInt(3) == 0 ? "  " : " ");
      }
      sb.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb, UTF_8);
    return file;
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_tokenCount_equalsNaiveReferenceForEverySplitSize(Supplier<Engine> engines)
      throws IOException {
    Path a = randomText("a.txt", 1, 300);
    Path b = randomText("b.txt", 2, 50);
    Map<String, Long> expected = Jobs.naiveTokenCount(List.of(a, b));
    long bytes = Files.size(a) + Files.size(b);
    try (Engine engine = engines.get()) {
      for (long splitSize : new long[] {1, 7, 64, 1000, 1 << 20}) {
        JobResult<String, Long> result = Jobs.tokenCount(a, b).splitSize(splitSize).run(engine);
        assertThat(result.toMap()).as("split size %d", splitSize).isEqualTo(expected);
        Counters c = result.counters();
        assertThat(c.get(Counters.BYTES_READ)).isEqualTo(bytes);
        assertThat(c.get(Counters.RECORDS_READ)).isEqualTo(350);
        assertThat(c.get("lines")).isEqualTo(350);
        assertThat(c.get(Counters.RECORDS_EMITTED))
            .isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
        assertThat(c.get(Counters.DISTINCT_KEYS)).isEqualTo(expected.size());
        assertThat(c.get(Counters.SPLITS)).isEqualTo(result.stats().splits());
        assertThat(result.stats().engine()).isEqualTo(engine.name());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void drain_reduceResult_handsEveryEntryOnceThenHoldsNone(Supplier<Engine> engines)
      throws IOException {
    Path a = randomText("a.txt", 4, 200);
    Map<String, Long> expected = Jobs.naiveTokenCount(List.of(a));
    try (Engine engine = engines.get()) {
      JobResult<String, Long> result = Jobs.tokenCount(a).splitSize(100).run(engine);
      Map<String, Long> drained = new HashMap<>();
      result.drain((k, v) -> assertThat(drained.put(k, v)).as("%s handed twice", k).isNull());
      assertThat(drained).isEqualTo(expected);
      assertThat(result.size()).isZero();
      assertThat(result.toMap()).isEmpty();
      assertThat(result.stream()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_emptyInput_givesEmptyResult(Supplier<Engine> engines) throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.txt"));
    try (Engine engine = engines.get()) {
      JobResult<String, Long> result = Jobs.tokenCount(empty).run(engine);
      assertThat(result.toMap()).isEmpty();
      assertThat(result.stats().splits()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_mapOnly_keepsPairsInSplitOrder(Supplier<Engine> engines) throws IOException {
    Path file = randomText("m.txt", 3, 40);
    List<String> lines = Jobs.lines(file);
    Mapper<String, Integer, String> lengths = (line, out) -> out.emit(line.length(), line);
    try (Engine engine = engines.get()) {
      JobResult<Integer, String> result =
          Job.of(Inputs.textLines(file)).mapper(lengths).splitSize(13).run(engine);
      List<String> values = new ArrayList<>();
      result.forEach(e -> values.add(e.getValue()));
      assertThat(values).isEqualTo(lines);
      assertThat(result.isMapOnly()).isTrue();
      assertThatThrownBy(result::toMap).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> result.drain((k, v) -> { }))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_mapperThrows_failsNamingFileLineAndRecord(Supplier<Engine> engines)
      throws IOException {
    Path file = dir.resolve("boom.txt");
    Files.writeString(file, "fine\nfine too\nboom here\nnever\n");
    Mapper<String, String, Long> mapper = (line, out) -> {
      if (line.startsWith("boom")) {
        throw new IllegalStateException("cannot map " + line);
      }
      out.emit(line, 1L);
    };
    try (Engine engine = engines.get()) {
      Job<String, String, Long> job =
          Job.of(Inputs.textLines(file)).mapper(mapper).reducer(Long::sum).splitSize(5);
      assertThatThrownBy(() -> job.run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContaining("line 3 (byte offset 14)")
          .hasMessageContaining("record: \"boom here\"")
          .hasMessageContaining(engine.name())
          .satisfies(e -> assertThat(describeCause(e.getCause()))
              .isEqualTo("java.lang.IllegalStateException: cannot map boom here"));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_mapperCombiningUntilFlush_everyLineOnceAndOneFlushPerWorker(Supplier<Engine> engines)
      throws IOException {
    Path file = randomText("f.txt", 8, 500);
    try (Engine engine = engines.get()) {
      Map<String, Long> result = Job.of(Inputs.textLines(file)).mapper(new FlushingMapper())
          .reducer(Long::sum).splitSize(100).run(engine).toMap();
      assertThat(result.get("lines")).isEqualTo(500);
      assertThat(result.get("splits")).isGreaterThan(8); // many tasks ...
      assertThat(result.get("flushes")).isBetween(1L, (long) engine.workers()); // ... few flushes
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_mapOnlyMapperWithFlush_flushedAfterEveryTask(Supplier<Engine> engines)
      throws IOException {
    Path file = randomText("g.txt", 9, 300);
    try (Engine engine = engines.get()) {
      JobResult<String, Long> result = Job.of(Inputs.textLines(file))
          .mapper(new FlushingMapper()).splitSize(100).run(engine);
      Map<String, Long> sums = new HashMap<>();
      result.forEach(e -> sums.merge(e.getKey(), e.getValue(), Long::sum));
      assertThat(sums.get("lines")).isEqualTo(300);
      assertThat(sums.get("flushes")).isEqualTo(sums.get("splits"));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void run_flushThrows_failsNamingTheFlush(Supplier<Engine> engines) throws IOException {
    Path file = randomText("h.txt", 10, 50);
    Mapper<String, String, Long> mapper = new Mapper<>() {
      @Override
      public void map(String line, org.forkreduce.Emitter<String, Long> out) {}

      @Override
      public void flush(org.forkreduce.Emitter<String, Long> out) {
        throw new IllegalStateException("cannot flush");
      }
    };
    try (Engine engine = engines.get()) {
      assertThatThrownBy(() -> Job.of(Inputs.textLines(file)).mapper(mapper)
          .reducer(Long::sum).splitSize(100).run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("flushing the mapper")
          .satisfies(e -> assertThat(describeCause(e.getCause()))
              .isEqualTo("java.lang.IllegalStateException: cannot flush"));
    }
  }

  /**
   * A CSV file of keys and longs; with {@code quoted}, every 40th key holds a line break, a
   * comma and a doubled quote, so that some cuts at line starts would fall inside a record.
   */
  private Path keyedCsv(String name, long seed, boolean quoted) throws IOException {
    Random random = new Random(seed);
    String[] keys = {"a", "b", "é€", "日本"};
    StringBuilder sb = new StringBuilder("key,value\n");
    for (int i = 0; i < 400; i++) {
      String key = quoted && i % 40 == 7 ? "\"two\nlines, \"\"q\"\"\"" : keys[random.nextInt(4)];
      sb.append(key).append(',').append(random.nextInt(2001) - 1000).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb, UTF_8);
    return file;
  }

  private static Job<CsvRow, String, Long> sumsByKey(Path file) {
    Mapper<CsvRow, String, Long> sums = (row, out) -> out.emit(row.get(0), row.getLong(1));
    return Job.of(Inputs.csv(file)).mapper(sums).reducer(Long::sum);
  }

  /** The reference: one Commons CSV parse of the whole file, summed in a HashMap. */
  private static Map<String, Long> naiveSumsByKey(Path file) throws IOException {
    Map<String, Long> sums = new HashMap<>();
    try (CSVParser p = CSVParser.parse(file, UTF_8, CSVFormat.RFC4180.builder().setHeader()
        .setSkipHeaderRecord(true).get())) {
      p.forEach(r -> sums.merge(r.get(0), Long.parseLong(r.get(1)), Long::sum));
    }
    return sums;
  }

  /**
   * Engines that may cut a CSV file at line starts before proving them record starts run the
   * job again with proof when a split meets a quote: the result is the reference's either way.
   */
  @ParameterizedTest
  @MethodSource("engines")
  void run_csvWithAndWithoutQuotedLineBreaks_equalsNaiveReferenceForEverySplitSize(
      Supplier<Engine> engines) throws IOException {
    try (Engine engine = engines.get()) {
      for (Path file : List.of(keyedCsv("quoted.csv", 11, true), keyedCsv("plain.csv", 12,
          false))) {
        Map<String, Long> expected = naiveSumsByKey(file);
        for (long splitSize : new long[] {1, 37, 500, 1 << 20}) {
          JobResult<String, Long> result = sumsByKey(file).splitSize(splitSize).run(engine);
          assertThat(result.toMap()).as("%s, split size %d", file.getFileName(), splitSize)
              .isEqualTo(expected);
          assertThat(result.counters().get(Counters.RECORDS_READ)).isEqualTo(400);
        }
      }
    }
  }

  /** A bad record in a quote-free file fails the job naming its line, as it did unspeculated. */
  @ParameterizedTest
  @MethodSource("engines")
  void run_csvBadRecordOnSpeculativeSplits_failsNamingItsLine(Supplier<Engine> engines)
      throws IOException {
    Path file = keyedCsv("bad.csv", 13, false);
    List<String> lines = new ArrayList<>(Files.readAllLines(file, UTF_8));
    lines.set(200, lines.get(200) + ",extra"); // line 201 of the file
    Files.write(file, lines, UTF_8);
    try (Engine engine = engines.get()) {
      assertThatThrownBy(() -> sumsByKey(file).splitSize(37).run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("line 201").hasMessageContaining("expected 2 fields");
    }
  }

  /**
   * A mapper's own failure on a split cut without proof is the job's, not the cut's: the job is
   * not planned and run again, on proven splits (inline, which never speculates, runs once too).
   */
  @ParameterizedTest
  @MethodSource("engines")
  void run_mapperFailsOnSpeculativeSplits_failsOnceWithoutARerun(Supplier<Engine> engines)
      throws IOException {
    Path file = keyedCsv("plain.csv", 14, false);
    Path setups = dir.resolve("setups.log");
    Files.createFile(setups);
    try (Engine engine = engines.get()) {
      assertThatThrownBy(() -> Job.of(Inputs.csv(file)).mapper(new FailingMapper(setups.toString()))
          .reducer(Long::sum).splitSize(37).run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining("no column 'missing'");
    }
    List<String> kinds = Files.readAllLines(setups, UTF_8);
    assertThat(kinds).isNotEmpty().allMatch(kinds.get(0)::equals);
  }

  /** Logs whether each task's split was speculative, then fails on the first record. */
  record FailingMapper(String log) implements Mapper<CsvRow, String, Long> {
    @Override
    public void setup(org.forkreduce.TaskContext context) throws IOException {
      Files.writeString(Path.of(log), (context.split().speculative() ? "speculative" : "proven") + "\n",
          UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public void map(CsvRow row, org.forkreduce.Emitter<String, Long> out) {
      throw new IllegalArgumentException("no column 'missing'; the columns are "
          + row.columns());
    }
  }

  /** Counts lines and tasks across tasks, emitting and resetting only at flush. */
  static final class FlushingMapper implements Mapper<String, String, Long> {
    private long lines;
    private long splits;

    @Override
    public void map(String record, org.forkreduce.Emitter<String, Long> out) {
      lines++;
    }

    @Override
    public void cleanup(org.forkreduce.Emitter<String, Long> out) {
      splits++;
    }

    @Override
    public void flush(org.forkreduce.Emitter<String, Long> out) {
      out.emit("lines", lines);
      out.emit("splits", splits);
      out.emit("flushes", 1L);
      lines = 0;
      splits = 0;
    }
  }

  /** The mapper's exception as class and message, whether local or from a worker process. */
  static String describeCause(Throwable cause) {
    if (cause instanceof RemoteTaskException remote) {
      return remote.remoteClassName() + ": " + remote.remoteMessage();
    }
    return cause.getClass().getName() + ": " + cause.getMessage();
  }

  @Test
  void run_threadsWithUnshippableMapper_refusedBeforeWork() throws IOException {
    Path file = randomText("s.txt", 4, 5);
    AtomicInteger calls = new AtomicInteger();
    Thread notSerializable = new Thread(() -> { });
    Mapper<String, String, Long> mapper = (line, out) -> {
      calls.incrementAndGet();
      out.emit(notSerializable.getName(), 1L);
    };
    try (Engine engine = Engine.threads(2)) {
      assertThatThrownBy(() -> Job.of(Inputs.textLines(file)).mapper(mapper)
              .reducer(Long::sum).run(engine))
          .isInstanceOf(NotShippableException.class)
          .hasMessageContaining("mapper")
          .hasMessageContaining("cannot be sent to a worker");
    }
    assertThat(calls).hasValue(0);
  }

  @Test
  void run_mapperState_isPerWorker() throws IOException {
    Path file = randomText("st.txt", 5, 500);
    try (Engine engine = Engine.threads(3)) {
      JobResult<String, Long> result = Job.of(Inputs.textLines(file))
          .mapper(new CountingMapper()).reducer(Long::sum).splitSize(100).run(engine);
      assertThat(result.toMap().get("lines")).isEqualTo(500);
    }
  }

  /** Counts lines in a field and emits the count at cleanup: wrong if threads shared it. */
  static final class CountingMapper implements Mapper<String, String, Long> {
    private long lines;

    @Override
    public void setup(org.forkreduce.TaskContext context) {
      lines = 0;
    }

    @Override
    public void map(String record, org.forkreduce.Emitter<String, Long> out) {
      lines++;
    }

    @Override
    public void cleanup(org.forkreduce.Emitter<String, Long> out) {
      out.emit("lines", lines);
    }
  }

  @Test
  void run_progress_reachesTotal() throws IOException {
    Path file = randomText("p.txt", 6, 200);
    List<long[]> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Engine engine = Engine.threads(2)) {
      Jobs.tokenCount(file).splitSize(100)
          .progress((done, total, splits, allSplits) -> events.add(new long[] {done, total,
              splits, allSplits}))
          .run(engine);
    }
    long size = Files.size(file);
    assertThat(events).hasSize((int) ((size + 99) / 100));
    assertThat(events.stream().mapToLong(e -> e[0]).max()).hasValue(size);
  }
}

package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.Job;
import org.forkreduce.WorkerOptions;
import org.forkreduce.datasets.G1Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFrameCliTest {
  @TempDir static Path dir;
  static Path g1;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = DataFrameCli.run(new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @BeforeAll
  static void table() throws IOException {
    G1Table t = new G1Table(5_000, 10, 5, false);
    g1 = dir.resolve(t.fileName());
    try (Writer w = Files.newBufferedWriter(g1)) {
      t.write(w, 11);
    }
  }

  /** Parses the CLI's CSV back into typed cells: numbers where they parse, null for empty. */
  static List<Object[]> parse(String csv, int groupColumns) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (CSVParser p = CSVParser.parse(csv, CSVFormat.RFC4180)) {
      List<CSVRecord> records = p.getRecords();
      for (CSVRecord r : records.subList(1, records.size())) {
        Object[] row = new Object[r.size()];
        for (int i = 0; i < r.size(); i++) {
          String v = r.get(i);
          row[i] = v.isEmpty() ? null : i < groupColumns && v.startsWith("id") ? v
              : v.matches("-?\\d+") ? (Object) Long.parseLong(v) : (Object) Double.parseDouble(v);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void groupby_everyQuestion_matchesReference() throws IOException {
    NaiveGroupBy reference = new NaiveGroupBy(g1);
    for (DbBenchmarkQuestionsTest.Question q : DbBenchmarkQuestionsTest.QUESTIONS) {
      List<String> args = new ArrayList<>(List.of("groupby", "--by", String.join(",", q.by()),
          "--engine", "threads", "--workers", "2"));
      q.aggs().forEach(a -> args.addAll(List.of("--agg", a)));
      args.add(g1.toString());
      Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("dataframe: ").contains("5,000 rows");
      DbBenchmarkQuestionsTest.assertMatches(parse(r.out(), q.by().size()),
          reference.query(q.by(), q.reference()), "CLI " + q.name());
    }
  }

  @Test
  void groupby_output_writesFileWithHeader() throws IOException {
    Path out = dir.resolve("q1.csv");
    Run r = run("groupby", "--by", "id1", "--agg", "sum(v1) AS v1", "--output", out.toString(),
        g1.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readAllLines(out).get(0)).isEqualTo("id1,v1");
    assertThat(Files.readAllLines(out).get(1)).startsWith(",");
  }

  @Test
  void groupby_output_getsTheUmasksModeLikeAnyNewFile() throws IOException {
    Path out = dir.resolve("mode.csv");
    Path reference = Files.writeString(dir.resolve("reference.txt"), "x");
    Run r = run("groupby", "--by", "id1", "--agg", "count()", "--output", out.toString(),
        g1.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.getPosixFilePermissions(out))
        .isEqualTo(Files.getPosixFilePermissions(reference));
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void groupby_badValue_failsOrIsSkippedIntoRejects() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "k,v\na,1\nb,x\na,2\nc,3,4\n", UTF_8);
    Run failed = run("groupby", "--by", "k", "--agg", "sum(v)", bad.toString());
    assertThat(failed.code()).isNotZero();
    assertThat(failed.err()).contains(bad.toString()).contains("needs a numeric column");
    Run typed = run("groupby", "--by", "k", "--agg", "sum(v)", "--type", "v=long",
        dir.resolve("bad.csv").toString());
    assertThat(typed.code()).isNotZero();
    assertThat(typed.err()).contains("line 3 (byte offset 8)").contains("'x' is not a LONG");
    Path out = dir.resolve("sums.csv");
    Run skipped = run("groupby", "--by", "k", "--agg", "sum(v)", "--type", "v=long",
        "--on-bad-record", "skip", "--output", out.toString(), bad.toString());
    assertThat(skipped.code()).as(skipped.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("k,sum(v)\na,3\n");
    assertThat(skipped.err()).contains("2 bad records");
    assertThat(Files.readString(Path.of(out + ".rejects"))).contains("b,x").contains("c,3,4");
  }

  @Test
  void groupby_badArguments_exitTwo() {
    assertThat(run("groupby", "--by", "id1", "--agg", "sum(v1", g1.toString()).err())
        .contains("expected ',' or ')'");
    assertThat(run("groupby", "--by", "nope", "--agg", "sum(v1)", g1.toString()).err())
        .contains("no column 'nope'");
    Run type = run("groupby", "--agg", "sum(v1)", "--type", "v1=int", g1.toString());
    assertThat(type.code()).isEqualTo(2);
    assertThat(type.err()).contains("--type takes COL=long|double|string, got 'v1=int'");
    Run typeSyntax = run("groupby", "--agg", "sum(v1)", "--type", "v1", g1.toString());
    assertThat(typeSyntax.code()).isEqualTo(2);
    assertThat(typeSyntax.err()).contains("--type").contains("COL=long|double|string");
    Run engine = run("groupby", "--agg", "count()", "--engine", "gpu", g1.toString());
    assertThat(engine.code()).isEqualTo(2);
    assertThat(engine.err()).contains("auto, inline, threads, processes");
  }

  @Test
  void groupby_memoryOnProcesses_sameAnswerWorkerHeapAndPeakMemoryShown() throws IOException {
    DbBenchmarkQuestionsTest.Question q = DbBenchmarkQuestionsTest.QUESTIONS.get(9);
    List<String> args = new ArrayList<>(List.of("groupby", "--by", String.join(",", q.by()),
        "--engine", "processes", "--workers", "2", "--memory", "96m", "--verbose"));
    q.aggs().forEach(a -> args.addAll(List.of("--agg", a)));
    args.add(g1.toString());
    Run r = run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    DbBenchmarkQuestionsTest.assertMatches(parse(r.out(), q.by().size()),
        new NaiveGroupBy(g1).query(q.by(), q.reference()), "CLI --memory " + q.name());
    assertThat(r.err()).hasLineCount(1).containsPattern(", 2 workers, peak memory: driver [\\d.]+"
        + " [MG]B heap(/[\\d.]+ [MG]B RSS)?.*\\R$");
  }

  @Test
  void groupby_memoryBad_usageErrorOneLine() {
    Run notSize = run("groupby", "--agg", "count()", "--memory", "lots", g1.toString());
    assertThat(notSize.code()).isEqualTo(2);
    assertThat(notSize.err()).hasLineCount(1)
        .contains("--memory").contains("'lots' is not a size").contains("512m or 2g");
    Run small = run("groupby", "--agg", "count()", "--memory", "4k", g1.toString());
    assertThat(small.code()).isEqualTo(2);
    assertThat(small.err()).isEqualTo("dataframe: --memory must be at least 16m, got 4096"
        + " bytes; give it as 512m or 2g\n");
    assertThat(WorkerOptions.defaults().heap(3L << 30).jvmOptions()).contains("-Xmx3g");
    assertThat(WorkerOptions.defaults().heap(96L << 20).jvmOptions()).contains("-Xmx96m");
    assertThat(WorkerOptions.defaults().heap((20L << 20) + 2048).jvmOptions())
        .contains("-Xmx20482k");
    assertThat(Job.defaultBudget(100L << 20)).isEqualTo((100L << 20) / 100 * 40);
  }

  @Test
  void groupby_badRecordInsideTheJob_inputErrorExitTwoOnEveryEngine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n3,\"4\n", UTF_8);
    for (String engine : new String[] {"inline", "threads", "processes"}) {
      Run run = run("groupby", "--by", "a", "--agg", "count()", "--engine", engine,
          "--workers", "2", bad.toString());
      assertThat(run.code()).as(engine + ": " + run.err()).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).as(engine).startsWith("dataframe: Bad CSV record in " + bad
          + " at line 3 (byte offset 8)").hasLineCount(1);
    }
  }
}

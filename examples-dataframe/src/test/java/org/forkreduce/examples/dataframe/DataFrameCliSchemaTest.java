package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.forkreduce.examples.dataframe.DataFrameCliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.forkreduce.examples.dataframe.DataFrameCliTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's header-less and delimited files, and the schema errors it reports before work. */
class DataFrameCliSchemaTest {
  @TempDir static Path dir;
  static Path brc;

  @BeforeAll
  static void files() throws IOException {
    brc = HeaderlessCsvTest.brcFile(dir.resolve("measurements.txt"), 21, 5_000);
  }

  /** The group-by of the 1BRC: min, mean and max temperature by station. */
  private static String[] brcArgs(String... more) {
    return delimited(";", more);
  }

  private static String[] delimited(String delimiter, String... more) {
    List<String> args = new ArrayList<>(List.of("groupby", "--no-header", "--delimiter",
        delimiter, "--by", "station", "--agg", "min(temp)", "--agg", "mean(temp)", "--agg",
        "max(temp)"));
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  /** The CLI's output rows as DuckDB's types: the station, then doubles. */
  private static List<Object[]> rows(String csv) {
    List<String> lines = csv.lines().toList();
    List<Object[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      Object[] row = new Object[cells.length];
      row[0] = cells[0];
      for (int i = 1; i < cells.length; i++) {
        row[i] = Double.parseDouble(cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static void assertBrcMatchesDuckDb(Run r, String columns) throws IOException {
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("5,000 rows");
    List<List<Object>> expected = HeaderlessCsvTest.duckdb("select station, min(temp),"
        + " avg(temp), max(temp) from read_csv(?, header = false, delim = ';', " + columns
        + ") group by station", brc);
    DbBenchmarkQuestionsTest.assertMatches(rows(r.out()), expected, "CLI " + columns);
  }

  @Test
  void groupby_noHeaderColumnsWithTypes_matchesDuckDbOnEveryEngine() throws IOException {
    for (String engine : List.of("inline", "threads", "processes")) {
      assertBrcMatchesDuckDb(run(brcArgs("--columns", "station:string,temp:double", "--engine",
          engine, "--workers", "2", brc.toString())),
          "columns = {'station': 'VARCHAR', 'temp': 'DOUBLE'}");
    }
  }

  @Test
  void groupby_noHeaderNamesOnly_typesInferred() throws IOException {
    assertBrcMatchesDuckDb(run(brcArgs("--columns", "station,temp", "--engine", "threads",
        brc.toString())), "names = ['station', 'temp']");
  }

  @Test
  void groupby_tsvFileOrNamedDelimiter_readWithTabs() throws IOException {
    Path tsv = dir.resolve("m.tsv");
    Files.writeString(tsv, Files.readString(brc, UTF_8).replace(';', '\t'), UTF_8);
    String expected = run(brcArgs("--columns", "station,temp", brc.toString())).out();
    for (String delimiter : List.of("tab", "\\t", "\t")) {
      Run r = run(delimited(delimiter, "--columns", "station,temp", tsv.toString()));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo(expected);
    }
    Run byName = run("groupby", "--no-header", "--columns", "station,temp", "--by", "station",
        "--agg", "min(temp)", "--agg", "mean(temp)", "--agg", "max(temp)", tsv.toString());
    assertThat(byName.out()).as(byName.err()).isEqualTo(expected);
  }

  @Test
  void groupby_badDelimiterOrColumns_exitTwo() {
    assertUsage(run(delimited("ab", "--columns", "station,temp", brc.toString())),
        "--delimiter takes one character, or tab or \\t, got 'ab'");
    assertUsage(run(delimited("\"", "--columns", "s,t", brc.toString())),
        "the delimiter may not be a line break or the quote");
    assertUsage(run(brcArgs(brc.toString())), "--no-header needs the columns' names");
    assertUsage(run("groupby", "--columns", "a,b", "--agg", "count()", brc.toString()),
        "add --no-header");
    assertUsage(run(brcArgs("--columns", "station:text,temp", brc.toString())),
        "long, double or string, got 'text'");
    assertUsage(run(brcArgs("--columns", "station,temp,extra", brc.toString())),
        "CSV file " + brc + " has 2 fields in its first record");
  }

  @Test
  void groupby_columnNotInHeader_exitTwoNamingFileAndColumns() throws IOException {
    Path file = dir.resolve("kv.csv");
    Files.writeString(file, "k,v\na,1\nb,2\n", UTF_8);
    assertUsage(run("groupby", "--by", "key", "--agg", "sum(v)", "--engine", "processes",
        file.toString()), "no column 'key' in " + file + "; its columns are [k, v]");
    assertUsage(run("groupby", "--by", "k", "--agg", "sum(value)", "--engine", "threads",
        file.toString()), "no column 'value' in " + file + "; its columns are [k, v]");
    assertUsage(run(brcArgs("--columns", "s,t", brc.toString())),
        "no column 'station' in " + brc + "; its columns are [s, t]");
  }

  @Test
  void groupby_headerNamesAColumnTwice_exitTwo() throws IOException {
    Path file = dir.resolve("dup.csv");
    Files.writeString(file, "id1,v1,v1\na,1,2\n", UTF_8);
    assertUsage(run("groupby", "--by", "id1", "--agg", "sum(v1)", file.toString()),
        "CSV file " + file + " names the column 'v1' twice in its header [id1, v1, v1]");
  }

  @Test
  void groupby_filesOfDifferentHeaders_exitTwoNamingBoth() throws IOException {
    Path a = Files.createDirectories(dir.resolve("two")).resolve("a.csv");
    Path b = dir.resolve("two").resolve("b.csv");
    Files.writeString(a, "k,v\na,1\n", UTF_8);
    Files.writeString(b, "k,w\na,1\n", UTF_8);
    assertUsage(run("groupby", "--by", "k", "--agg", "count()", a.toString(), b.toString()),
        "must share a header: " + a + " has [k, v] but " + b + " has [k, w]");
  }

  /** Exit 2 with one line, and no job run: no summary line. */
  private static void assertUsage(Run r, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain(" rows, ").hasLineCount(1);
  }
}

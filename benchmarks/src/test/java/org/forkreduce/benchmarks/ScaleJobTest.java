package org.forkreduce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The scale job end to end on a tiny G1 table. */
class ScaleJobTest {
  @TempDir Path dir;

  @Test
  void harness_scaleJobOnTinyTable_reportsCheckedTimesAndPeaksAndRemovesItsFiles()
      throws Exception {
    Path out = dir.resolve("results");
    Path temp = Files.createDirectory(dir.resolve("temp"));
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      code = new CommandLine(new Harness()).execute("--jobs", "scale", "--scale-rows", "1e4",
          "--questions", "q1,q10", "--scale-fr-options", "--memory 128m",
          "--scale-temp", temp.toString(), "--data", dir.resolve("data").toString(),
          "--out", out.toString());
    } finally {
      System.setOut(original);
    }
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(code).as(String.join("\n", csv)).isZero();
    assertThat(csv).hasSize(1 + 2 * 2 * 2); // 2 questions x 2 contenders x (time, peak)
    for (String job : List.of("scale-1e4-q1", "scale-1e4-q10")) {
      for (String contender : List.of("forkreduce-processes", "duckdb")) {
        assertThat(value(csv, job + ",", contender)).isPositive();
        double peak = value(csv, job + "-peak-rss,", contender);
        if (RssSampler.SUPPORTED) {
          assertThat(peak).as(job + " " + contender).isGreaterThan(10);
        }
      }
    }
    assertThat(Files.readString(out.resolve("results.json")))
        .contains("\"job\": \"scale-1e4-q10-peak-rss\"");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("time FR/D", "1e4-q1 ",
        "1e4-q10 ");
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  /** The median of {@code job}'s row for {@code contender}, checking it has no failure. */
  private static double value(List<String> csv, String job, String contender) {
    String line = csv.stream().filter(l -> l.startsWith(job + contender + ","))
        .findFirst().orElseThrow(() -> new AssertionError("no " + job + contender + " in "
            + csv));
    String[] fields = line.split(",");
    assertThat(fields[8]).as(line).isEqualTo("\"\"");
    return Double.parseDouble(fields[3]);
  }
}

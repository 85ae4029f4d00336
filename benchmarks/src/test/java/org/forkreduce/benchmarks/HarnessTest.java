package org.forkreduce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the whole harness on tiny data, so that it cannot rot between real runs. */
class HarnessTest {
  @TempDir Path dir;

  @Test
  void harness_tinyDataOverRunBudget_everyContenderAgreesOnceAndResultsAreWritten() throws IOException {
    Path out = dir.resolve("results");
    int code = new CommandLine(new Harness()).execute("--corpus-size", "64k", "--g1-rows",
        "2000", "--questions", "q1,q8,q9", "--pool-items", "2000", "--runs", "2", "--run-budget", "0", "--data",
        dir.resolve("data").toString(), "--out", out.toString());
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv.get(0)).isEqualTo("job,contender,unit,median,min,max,ratio,runs,failure");
    assertThat(String.join("\n", csv)).doesNotContain("wrong result");
    assertThat(csv).anyMatch(l -> l.startsWith("wordcount-63KiB,forkreduce-processes,s,"))
        .anyMatch(l -> l.startsWith("groupby-q8,duckdb,s,"))
        .anyMatch(l -> l.startsWith("wordcount-63KiB,spark-rdd,s,"))
        .anyMatch(l -> l.startsWith("groupby-q9,forkreduce-spark,s,"))
        .anyMatch(l -> l.startsWith("pool:submit_round_trip_median,forkreduce,us,"));
    assertThat(code).as(String.join("\n", csv)).isZero();
    // every run is over a budget of 0 s, so no job contender runs twice
    assertThat(csv).filteredOn(l -> l.split(",")[2].equals("s") && !l.contains("skipped"))
        .isNotEmpty().allMatch(l -> l.split(",")[7].equals("1"));
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"job\": \"groupby-q1\"");
    assertThat(csv).filteredOn(l -> l.startsWith(Harness.SCALING)).hasSize(8);
    for (String chart : List.of("wordcount.png", "groupby.png", "scaling.png")) {
      BufferedImage image = ImageIO.read(out.resolve(chart).toFile());
      assertThat(image).as(chart).isNotNull();
      assertThat(image.getWidth()).isGreaterThan(500);
    }
  }
}

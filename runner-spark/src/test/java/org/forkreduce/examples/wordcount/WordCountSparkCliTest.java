package org.forkreduce.examples.wordcount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The word-count CLI with runner-spark on the class path: {@code --engine spark --master}. */
class WordCountSparkCliTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = WordCountCli.run(new PrintStream(out, true, UTF_8),
        new PrintStream(err, true, UTF_8), args);
    return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
  }

  @Test
  void main_engineSparkLocal2_sameTopAndFilesAsProcesses() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      text.append("w").append(i % 37).append(" Ünï ").append(i % 5).append(i % 2 == 0 ? "\r\n" : "\n");
    }
    Path input = Files.writeString(dir.resolve("in.txt"), text, UTF_8);
    Run spark = run("--engine", "spark", "--master", "local[2]", "--split-size", "1k",
        "--top", "10", "--output", dir.resolve("spark-out").toString(), input.toString());
    Run processes = run("--engine", "processes", "--workers", "2", "--split-size", "1k",
        "--top", "10", "--output", dir.resolve("processes-out").toString(), input.toString());
    assertThat(spark.code()).as(spark.err()).isZero();
    assertThat(spark.out()).isEqualTo(processes.out()).startsWith("ünï\t2000\n");
    assertThat(spark.err()).contains("engine spark, 2 workers");
    assertThat(Files.readString(dir.resolve("spark-out/part-00000")))
        .isEqualTo(Files.readString(dir.resolve("processes-out/part-00000")));
  }

  @Test
  void main_badMaster_exitTwoWithSparksReason() throws IOException {
    Path input = Files.writeString(dir.resolve("in.txt"), "a b\n", UTF_8);
    Run run = run("--engine", "spark", "--master", "nowhere://x", input.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nowhere://x");
    assertThat(run.out()).isEmpty();
  }
}

package org.forkreduce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a failed contender's run is reported. */
class ProcessRunnerTest {

  @Test
  void failure_longStackTrace_leadsWithTheErrorLineThenTheTail() {
    StringBuilder err = new StringBuilder("some log line\n"
        + "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");
    for (int i = 0; i < 50; i++) {
      err.append("\tat org.example.Deep.frame").append(i).append("(Deep.java:").append(i)
          .append(")\n");
    }
    String failure = new ProcessRunner.Outcome(1, "", err.toString(), 1).failure();
    assertThat(failure).startsWith("exit code 1: Exception in thread \"main\" "
        + "java.lang.OutOfMemoryError: Java heap space ... ")
        .endsWith("at org.example.Deep.frame49(Deep.java:49)");
  }

  @Test
  void failure_shortMessage_isTheMessageOnce() {
    String failure = new ProcessRunner.Outcome(2, "", "Error: no such file x.csv\n", 1).failure();
    assertThat(failure).isEqualTo("exit code 2: Error: no such file x.csv");
  }
}

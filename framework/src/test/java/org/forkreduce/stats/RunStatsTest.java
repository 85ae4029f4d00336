package org.forkreduce.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunStatsTest {
  private static RunStats stats(String engine, int workers) {
    return new RunStats(engine, workers, 1, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO, java.util.List.of());
  }

  @Test
  void engine_charsetWithoutTheArrow_plainAscii() {
    assertThat(stats("auto→inline", 1).engine(StandardCharsets.US_ASCII))
        .isEqualTo("auto->inline");
    assertThat(stats("auto→inline", 1).engine(StandardCharsets.ISO_8859_1))
        .isEqualTo("auto->inline");
    assertThat(stats("auto→inline", 1).engine(StandardCharsets.UTF_8)).isEqualTo("auto→inline");
    assertThat(stats("threads", 2).engine(StandardCharsets.US_ASCII)).isEqualTo("threads");
  }

  @Test
  void workerCount_singularForOne() {
    assertThat(stats("inline", 1).workerCount()).isEqualTo("1 worker");
    assertThat(stats("threads", 2).workerCount()).isEqualTo("2 workers");
    assertThat(stats("threads", 0).workerCount()).isEqualTo("0 workers");
  }
}

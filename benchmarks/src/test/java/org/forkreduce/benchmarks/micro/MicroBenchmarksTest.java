package org.forkreduce.benchmarks.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every micro-benchmark body runs once and computes what it should, so none can rot. */
class MicroBenchmarksTest {

  @Test
  void tokenizer_tableAndHashMap_sameDistinctWords() throws IOException {
    TokenizerBenchmark b = new TokenizerBenchmark();
    b.setUp();
    assertThat(b.mapperWithWordTable()).isEqualTo(b.tokenizerIntoHashMap()).isGreaterThan(1000);
  }

  @Test
  void splitRead_textAndCsv_readEveryRecord() throws IOException {
    SplitReadBenchmark b = new SplitReadBenchmark();
    b.setUp();
    try {
      assertThat(b.textLines()).isPositive();
      assertThat(b.csvRecords()).isPositive();
    } finally {
      b.tearDown();
    }
  }
}

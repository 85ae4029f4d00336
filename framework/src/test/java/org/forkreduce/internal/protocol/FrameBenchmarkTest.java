package org.forkreduce.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The benchmark's bodies run once and compute what they should, so it cannot rot. */
class FrameBenchmarkTest {

  @Test
  void frame_encodeAndDecode_roundTrip() throws IOException {
    FrameBenchmark b = new FrameBenchmark();
    b.setUp();
    assertThat(b.encodeCall()).isGreaterThan(4);
    assertThat(b.encodeMapSplit()).isGreaterThan(4);
    assertThat(b.decodeMapSplit()).isInstanceOf(Message.MapSplit.class);
  }
}

package org.forkreduce.internal.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's body runs once and computes what it should, so it cannot rot. */
class PartialMergeBenchmarkTest {

  @Test
  void partialMerge_fourOverlappingPartials_unionOfKeys() {
    PartialMergeBenchmark b = new PartialMergeBenchmark();
    b.keys = 1000;
    b.setUp();
    assertThat(b.mergeFour()).isEqualTo(2500);
  }
}

package org.forkreduce.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.forkreduce.Reducer;
import org.junit.jupiter.api.Test;

class ReducerTesterTest {
  private static final List<Long> VALUES = LongStream.rangeClosed(1, 12).boxed().toList();

  @Test
  void check_sum_passes() {
    assertThatCode(() -> ReducerTester.of((Reducer<Long>) Long::sum).check(VALUES))
        .doesNotThrowAnyException();
  }

  @Test
  void check_mutatingAccumulator_passes() {
    Reducer<long[]> sumInPlace = (left, right) -> {
      left[0] += right[0];
      return left;
    };
    List<long[]> values = new ArrayList<>();
    VALUES.forEach(v -> values.add(new long[] {v}));
    assertThatCode(() -> ReducerTester.of(sumInPlace)
            .withEquivalence((a, b) -> a[0] == b[0]).check(values))
        .doesNotThrowAnyException();
  }

  @Test
  void check_subtraction_failsAsNotCommutative() {
    assertThatThrownBy(() -> ReducerTester.of((Reducer<Long>) (a, b) -> a - b).check(VALUES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not commutative");
  }

  @Test
  void check_pairwiseMean_failsAsNotAssociative() {
    Reducer<Double> mean = (a, b) -> (a + b) / 2;
    List<Double> values = VALUES.stream().map(Long::doubleValue).toList();
    assertThatThrownBy(() -> ReducerTester.of(mean).check(values))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not associative");
  }
}

package org.forkreduce.spark;

import org.apache.spark.util.AccumulatorV2;
import org.forkreduce.spi.CounterSet;

/**
 * Sums the tasks' counters on the driver. Like every Spark accumulator updated inside a
 * transformation, a task that Spark re-runs (after an executor loss) adds its counters again.
 */
final class CounterAccumulator extends AccumulatorV2<CounterSet, CounterSet> {
  private static final long serialVersionUID = 1L;

  private CounterSet sum = new CounterSet();

  @Override
  public boolean isZero() {
    return sum.snapshot().asMap().isEmpty();
  }

  @Override
  public CounterAccumulator copy() {
    CounterAccumulator copy = new CounterAccumulator();
    copy.sum.addAll(sum);
    return copy;
  }

  @Override
  public void reset() {
    sum = new CounterSet();
  }

  @Override
  public void add(CounterSet counters) {
    sum.addAll(counters);
  }

  @Override
  public void merge(AccumulatorV2<CounterSet, CounterSet> other) {
    sum.addAll(other.value());
  }

  @Override
  public CounterSet value() {
    return sum;
  }
}

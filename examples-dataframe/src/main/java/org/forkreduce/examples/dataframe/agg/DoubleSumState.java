package org.forkreduce.examples.dataframe.agg;

/** An exact sum of doubles; the mean when asked. */
final class DoubleSumState extends State {
  final boolean mean;
  final ExactSum sum = new ExactSum();
  long n;

  DoubleSumState(boolean mean) {
    this.mean = mean;
  }

  @Override
  public void add(Value v) {
    sum.add(v.asDouble);
    n++;
  }

  @Override
  public void merge(State o) {
    DoubleSumState s = (DoubleSumState) o;
    sum.addAll(s.sum);
    n += s.n;
  }

  @Override
  public Object result() {
    if (n == 0) {
      return null;
    }
    return mean ? sum.value() / n : sum.value();
  }
}

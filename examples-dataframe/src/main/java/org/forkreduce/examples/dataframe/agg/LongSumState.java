package org.forkreduce.examples.dataframe.agg;

/** {@code sum} of a long column, exact: a sum beyond a long throws. */
final class LongSumState extends State {
  long sum;
  long n;

  @Override
  public void add(Value v) {
    sum = Math.addExact(sum, v.asLong);
    n++;
  }

  @Override
  public void merge(State o) {
    LongSumState s = (LongSumState) o;
    sum = Math.addExact(sum, s.sum);
    n += s.n;
  }

  @Override
  public Object result() {
    return n == 0 ? null : sum;
  }
}

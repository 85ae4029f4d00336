package org.forkreduce.examples.dataframe.agg;

/** Count, mean and sum of squared deviations, merged by Chan's formula; var or stddev. */
final class MomentsState extends State {
  final boolean stddev;
  long n;
  final ExactSum sum = new ExactSum();
  final ExactSum squares = new ExactSum();

  MomentsState(boolean stddev) {
    this.stddev = stddev;
  }

  @Override
  public void add(Value v) {
    n++;
    sum.add(v.asDouble);
    squares.addProduct(v.asDouble, v.asDouble);
  }

  @Override
  public void merge(State o) {
    MomentsState b = (MomentsState) o;
    n += b.n;
    sum.addAll(b.sum);
    squares.addAll(b.squares);
  }

  @Override
  public Object result() {
    return result(stddev, n, sum, squares);
  }

  /** The sample variance or standard deviation of {@code n} values of these sums; NA below 2. */
  static Object result(boolean stddev, long n, ExactSum sum, ExactSum squares) {
    if (n < 2) {
      return null;
    }
    double var = Math.max(0.0, centered(n, squares, sum, sum)) / ((double) n * (n - 1));
    return stddev ? Math.sqrt(var) : var;
  }
}

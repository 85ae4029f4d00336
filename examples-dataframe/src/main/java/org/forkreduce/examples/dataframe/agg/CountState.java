package org.forkreduce.examples.dataframe.agg;

/** {@code count()} or {@code count(col)}: the number of rows, or of values. */
final class CountState extends State {
  long n;

  @Override
  public void add(Value v) {
    n++;
  }

  @Override
  public void merge(State o) {
    n += ((CountState) o).n;
  }

  @Override
  public Object result() {
    return n;
  }
}

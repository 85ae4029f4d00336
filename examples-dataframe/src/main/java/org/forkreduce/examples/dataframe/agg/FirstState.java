package org.forkreduce.examples.dataframe.agg;

/** The value of the row that comes first in input order (file, then position). */
final class FirstState extends State {
  Value first;

  @Override
  public void add(Value v) {
    if (first == null || v.position.compareTo(first.position) < 0) {
      first = copy(v);
    }
  }

  @Override
  public void merge(State o) {
    Value other = ((FirstState) o).first;
    if (other != null) {
      add(other);
    }
  }

  @Override
  public Object result() {
    return first == null ? null : typed(first);
  }
}

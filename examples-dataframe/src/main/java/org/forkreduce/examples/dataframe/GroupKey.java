package org.forkreduce.examples.dataframe;

import java.util.Arrays;

/**
 * The values of the group columns of one row, as read (an empty string is the NA group). Its
 * hash depends only on the strings, so it is the same in every worker JVM.
 */
public final class GroupKey {
  private final String[] values;
  private final int hash;

  GroupKey(String[] values) {
    this.values = values;
    this.hash = Arrays.hashCode(values);
  }

  String get(int i) {
    return values[i];
  }

  int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey k && hash == k.hash && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}

package org.forkreduce.spi;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.forkreduce.stats.Counters;

/** Mutable counters of one task or worker; not thread-safe. Merge them, then take a snapshot. */
public final class CounterSet implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, long[]> values = new HashMap<>();

  /** Adds {@code delta} to {@code name}. */
  public void add(String name, long delta) {
    long[] cell = values.get(name);
    if (cell == null) {
      values.put(name, new long[] {delta});
    } else {
      cell[0] += delta;
    }
  }

  /** Adds every counter of {@code other} to this set. */
  public void addAll(CounterSet other) {
    other.values.forEach((k, v) -> add(k, v[0]));
  }

  /** An immutable copy. */
  public Counters snapshot() {
    Map<String, Long> copy = new HashMap<>();
    values.forEach((k, v) -> copy.put(k, v[0]));
    return Counters.of(copy);
  }
}

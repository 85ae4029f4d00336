package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;

/**
 * States of a fixed number of longs each, group g's at {@code cells[width * g ...]}: grown,
 * copied, written and read as one array, with the rare rests of their exact sums beside it.
 * The kinds: counts ({@link CountStateColumn}), long sums ({@link LongSumStateColumn}), exact
 * double sums and means ({@link DoubleSumStateColumn}), var and stddev
 * ({@link MomentsStateColumn}), and the min and max of numbers ({@link ExtremeStateColumn}). Each
 * reads out as the {@link State} of its aggregate does.
 */
abstract class FixedStateColumn extends StateColumn {
  /** The longs a processor's cache is sure to hold: no need to {@link #touch} fewer. */
  private static final int CACHED = 1 << 15;
  private final int width;
  long[] cells;
  /** Each exact sum's values outside its window, by group: one per sum a state holds. */
  final Rests[] rests;

  FixedStateColumn(int width, int groups) {
    this(width, 0, groups);
  }

  /** With {@code sums} exact sums per state, whose rests the column keeps, copies and writes. */
  FixedStateColumn(int width, int sums, int groups) {
    this.width = width;
    cells = new long[width * Math.max(4, groups)];
    rests = new Rests[sums];
    Arrays.setAll(rests, i -> new Rests());
  }

  int capacity() {
    return cells.length / width;
  }

  @Override
  public void reserve(int groups) {
    if (groups > capacity()) {
      cells = Arrays.copyOf(cells, width * grown(capacity(), groups));
    }
    for (Rests r : rests) {
      r.reserve(capacity());
    }
  }

  /** The cells and the rests' arrays; the rests' values, rare, are not counted. */
  @Override
  public long heldBytes() {
    long bytes = 8L * cells.length;
    for (Rests r : rests) {
      bytes += r.byGroup == null ? 0 : 8L * r.byGroup.length;
    }
    return bytes;
  }

  @Override
  public long touch(int[] groups, int rows) {
    if (cells.length < CACHED) {
      return 0;
    }
    long sum = 0;
    for (int r = 0; r < rows; r++) {
      int at = width * groups[r];
      sum += cells[at] + cells[at + width - 1]; // a state may span two cache lines
    }
    return sum;
  }

  @Override
  public void copy(int g, StateColumn other, int og) {
    FixedStateColumn o = (FixedStateColumn) other;
    System.arraycopy(o.cells, width * og, cells, width * g, width);
    for (int i = 0; i < rests.length; i++) {
      rests[i].set(g, o.rests[i].get(og), capacity());
    }
  }

  /** As {@link StateColumn#scatter}: the cells in one pass, then the rests there are. */
  @Override
  public void scatter(int[] partition, StateColumn[] into, int size) {
    int[] next = new int[into.length];
    for (int g = 0; g < size; g++) {
      int p = partition[g];
      System.arraycopy(cells, width * g, ((FixedStateColumn) into[p]).cells, width * next[p]++,
          width);
    }
    for (int i = 0; i < rests.length; i++) {
      if (rests[i].byGroup != null) {
        Arrays.fill(next, 0);
        for (int g = 0; g < size; g++) {
          FixedStateColumn to = (FixedStateColumn) into[partition[g]];
          to.rests[i].set(next[partition[g]]++, rests[i].byGroup[g], to.capacity());
        }
      }
    }
  }

  /** Writes the cells of groups {@code [0, size)}, then each sum's rests. */
  @Override
  void write(Kryo kryo, Output out, int size) {
    out.writeLongs(cells, 0, width * size, false);
    for (Rests r : rests) {
      r.write(kryo, out, size);
    }
  }

  @Override
  void read(Kryo kryo, Input in, int size) {
    cells = in.readLongs(width * size, false);
    for (Rests r : rests) {
      r.read(kryo, in, capacity());
    }
  }

  /** The values of a column's exact sums outside their window, by group; rare, so sparse. */
  static final class Rests {
    /** Null while no group has one. */
    private Expansion[] byGroup;

    Expansion get(int g) {
      return byGroup == null ? null : byGroup[g];
    }

    /** Sets group g's rest, in room for {@code capacity} groups. */
    void set(int g, Expansion e, int capacity) {
      if (e != null && byGroup == null) {
        byGroup = new Expansion[capacity];
      }
      if (byGroup != null) {
        byGroup[g] = e;
      }
    }

    void reserve(int capacity) {
      if (byGroup != null && byGroup.length < capacity) {
        byGroup = Arrays.copyOf(byGroup, capacity);
      }
    }

    /** Writes the rests of groups {@code [0, size)}: how many, then each with its group. */
    void write(Kryo kryo, Output out, int size) {
      int count = 0;
      for (int g = 0; byGroup != null && g < size; g++) {
        count += byGroup[g] != null ? 1 : 0;
      }
      out.writeVarInt(count, true);
      for (int g = 0; count > 0 && g < size; g++) {
        if (byGroup[g] != null) {
          out.writeVarInt(g, true);
          kryo.writeObject(out, byGroup[g]);
        }
      }
    }

    void read(Kryo kryo, Input in, int capacity) {
      byGroup = null;
      for (int i = in.readVarInt(true); i > 0; i--) {
        int g = in.readVarInt(true);
        set(g, kryo.readObject(in, Expansion.class), capacity);
      }
    }
  }
}

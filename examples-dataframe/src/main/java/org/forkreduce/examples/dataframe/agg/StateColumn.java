package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;
import java.util.function.Supplier;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * One aggregate's states for many groups, by group number: a mapper's table of groups, or a
 * {@link GroupBlock}. Counts, sums, means, var and stddev, and the min and max of numbers are
 * held in arrays of longs ({@link NumericColumns}): ten million groups then take a few arrays
 * instead of tens of millions of state objects, which a worker would allocate while mapping and
 * the driver while reading the result, and their collectors copy. Other states are kept as
 * objects. Either way a column adds, merges and reads out as its {@link State} would: the same
 * laws, the same results.
 */
public abstract class StateColumn {
  /** The kinds a partial names before a column's states. */
  static final byte OBJECTS = 0;
  static final byte COUNTS = 1;
  static final byte LONG_SUMS = 2;
  static final byte DOUBLE_SUMS = 3;
  static final byte MEANS = 4;
  static final byte EXTREMES = 5;
  static final byte MOMENTS = 6;
  static final byte MEDIANS = 7;
  private static final ColumnType[] TYPES = ColumnType.values();

  /**
   * A column of the states {@code create} makes, with room for {@code groups} groups: held in
   * arrays for the states that can be, as objects that {@code create} makes for the others.
   */
  public static StateColumn of(Supplier<State> create, int groups) {
    State sample = create.get();
    if (sample instanceof State.Count) {
      return new NumericColumns.Counts(groups);
    } else if (sample instanceof State.LongSum) {
      return new NumericColumns.LongSums(groups);
    } else if (sample instanceof State.DoubleSum d) {
      return new NumericColumns.DoubleSums(d.mean, groups);
    } else if (sample instanceof State.Extreme e && e.type != ColumnType.STRING) {
      return new NumericColumns.Extremes(e.max, e.type, groups);
    } else if (sample instanceof State.Moments m) {
      return new NumericColumns.Moments(m.stddev, groups);
    } else if (sample instanceof State.Median) {
      return new MedianColumn(groups);
    }
    return new Boxed(sample.getClass(), create, groups);
  }

  /** An empty column of this one's kind, with room for {@code groups} groups. */
  public abstract StateColumn empty(int groups);

  /** Makes room for {@code groups} groups. */
  public abstract void reserve(int groups);

  /** Makes group {@code g}'s state, empty; called once per group before any other use. */
  public void newGroup(int g) {}

  /**
   * Adds one row's values of the aggregate's columns to group {@code g}'s state: none for
   * {@code count()}, one, or two for {@code corr} (x and y); never NA.
   */
  public abstract void add(int g, State.Value[] values);

  /**
   * Loads the states of groups {@code groups[0, rows)}, which the next adds will update, and
   * returns something of them that the caller keeps, so that the compiler cannot drop the
   * loads. The loads of one group do not wait for another's, so the processor has many cache
   * misses in flight at once, where the adds, row by row, would mostly wait for each in turn.
   */
  public long touch(int[] groups, int rows) {
    return 0;
  }

  /** Sets group {@code g}'s state to {@code other}'s group {@code og}'s. */
  public abstract void copy(int g, StateColumn other, int og);

  /**
   * Copies group g's state, for each g in {@code [0, size)} in turn, to the next group of column
   * {@code into[partition[g]]} (from group 0): how a table hands its groups on by partition,
   * column by column.
   */
  public void scatter(int[] partition, StateColumn[] into, int size) {
    int[] next = new int[into.length];
    for (int g = 0; g < size; g++) {
      int p = partition[g];
      into[p].copy(next[p]++, this, g);
    }
  }

  /** Folds {@code other}'s group {@code og} into group {@code g} ({@link State#merge}). */
  public abstract void merge(int g, StateColumn other, int og);

  /** Group {@code g}'s result ({@link State#result}). */
  public abstract Object result(int g);

  /**
   * Works out ahead the results of groups {@code [0, size)} that are costly to find (medians),
   * so that columns can do it side by side on several threads; the default does nothing.
   */
  public void prepareResults(int size) {}

  /** Appends group {@code g}'s result to {@code out}, unboxed where the column allows. */
  public void resultInto(int g, ResultColumn out) {
    out.add(result(g));
  }

  abstract byte kind();

  /** Writes the states of groups {@code [0, size)}. */
  abstract void write(Kryo kryo, Output out, int size);

  /** Reads what {@link #write} wrote into groups {@code [0, size)}. */
  abstract void read(Kryo kryo, Input in, int size);

  /** Writes the column's kind, then its states. */
  public static void writeColumn(Kryo kryo, Output out, StateColumn column, int size) {
    out.writeByte(column.kind());
    if (column instanceof Boxed o) {
      kryo.writeClass(out, o.type);
    } else if (column instanceof NumericColumns.Extremes e) {
      out.writeBoolean(e.max);
      out.writeVarInt(e.type.ordinal(), true);
    } else if (column instanceof NumericColumns.Moments m) {
      out.writeBoolean(m.stddev);
    }
    column.write(kryo, out, size);
  }

  /** Reads a column that {@link #writeColumn} wrote. */
  public static StateColumn readColumn(Kryo kryo, Input in, int size) {
    byte kind = in.readByte();
    // a fixed column reads its array whole: made for no groups, not zeroed for size groups that
    // read() throws away (for ten million groups, up to 720 MB touched for nothing)
    StateColumn column = switch (kind) {
      case COUNTS -> new NumericColumns.Counts(0);
      case LONG_SUMS -> new NumericColumns.LongSums(0);
      case DOUBLE_SUMS, MEANS -> new NumericColumns.DoubleSums(kind == MEANS, 0);
      case EXTREMES ->
          new NumericColumns.Extremes(in.readBoolean(), TYPES[in.readVarInt(true)], 0);
      case MOMENTS -> new NumericColumns.Moments(in.readBoolean(), 0);
      case MEDIANS -> new MedianColumn(size);
      default -> new Boxed(kryo.readClass(in).getType(), null, size);
    };
    column.read(kryo, in, size);
    return column;
  }

  static int grown(int length, int groups) {
    return Math.max(groups, length + (length >> 1));
  }

  /**
   * States of a fixed number of longs each, group g's at {@code cells[width * g ...]}: grown,
   * copied, written and read as one array, with the rare rests of their exact sums beside it.
   */
  abstract static class Fixed extends StateColumn {
    /** The longs a processor's cache is sure to hold: no need to {@link #touch} fewer. */
    private static final int CACHED = 1 << 15;
    private final int width;
    long[] cells;
    /** Each exact sum's values outside its window, by group: one per sum a state holds. */
    final Rests[] rests;

    Fixed(int width, int groups) {
      this(width, 0, groups);
    }

    /** With {@code sums} exact sums per state, whose rests the column keeps, copies and writes. */
    Fixed(int width, int sums, int groups) {
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
      Fixed o = (Fixed) other;
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
        System.arraycopy(cells, width * g, ((Fixed) into[p]).cells, width * next[p]++, width);
      }
      for (int i = 0; i < rests.length; i++) {
        if (rests[i].byGroup != null) {
          Arrays.fill(next, 0);
          for (int g = 0; g < size; g++) {
            Fixed to = (Fixed) into[partition[g]];
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


  /** Any other state, as objects of one class; written by the class's Kryo serializer. */
  private static final class Boxed extends StateColumn {
    private final Class<?> type;
    /** Makes a new group's state; null for a column read from a partial, which gets none. */
    private final Supplier<State> create;
    private State[] states;

    Boxed(Class<?> type, Supplier<State> create, int groups) {
      this.type = type;
      this.create = create;
      states = new State[Math.max(4, groups)];
    }

    @Override
    public StateColumn empty(int groups) {
      return new Boxed(type, create, groups);
    }

    @Override
    public void reserve(int groups) {
      if (groups > states.length) {
        states = Arrays.copyOf(states, grown(states.length, groups));
      }
    }

    @Override
    public void newGroup(int g) {
      states[g] = create.get();
    }

    @Override
    public void add(int g, State.Value[] values) {
      states[g].add(values[0]);
      if (values.length == 2) {
        ((State.Corr) states[g]).addY(values[1]);
      }
    }

    @Override
    public void copy(int g, StateColumn other, int og) {
      states[g] = ((Boxed) other).states[og];
    }

    @Override
    public void merge(int g, StateColumn other, int og) {
      states[g].merge(((Boxed) other).states[og]);
    }

    @Override
    public Object result(int g) {
      return states[g].result();
    }

    @Override
    byte kind() {
      return OBJECTS;
    }

    @Override
    void write(Kryo kryo, Output out, int size) {
      var serializer = kryo.getRegistration(type).getSerializer();
      for (int g = 0; g < size; g++) {
        kryo.writeObject(out, states[g], serializer);
      }
    }

    @Override
    void read(Kryo kryo, Input in, int size) {
      @SuppressWarnings("unchecked")
      Class<State> stateType = (Class<State>) type;
      var serializer = kryo.getRegistration(type).getSerializer();
      for (int g = 0; g < size; g++) {
        states[g] = kryo.readObject(in, stateType, serializer);
      }
    }
  }
}

package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.function.Supplier;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * One aggregate's states for many groups, by group number: a mapper's table of groups, or a
 * block of them ({@code group.GroupBlock}). Counts, sums, means, var and stddev, and the min and
 * max of numbers are held in arrays of longs ({@link FixedStateColumn}), medians in an array per
 * group ({@link MedianStateColumn}): ten million groups then take a few arrays instead of tens
 * of millions of state objects, which a worker would allocate while mapping and the driver while
 * reading the result, and their collectors copy. Other states are kept as objects
 * ({@link ObjectStateColumn}). Either way a column adds, merges and reads out as its
 * {@link State} would: the same laws, the same results.
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
    if (sample instanceof CountState) {
      return new CountStateColumn(groups);
    } else if (sample instanceof LongSumState) {
      return new LongSumStateColumn(groups);
    } else if (sample instanceof DoubleSumState d) {
      return new DoubleSumStateColumn(d.mean, groups);
    } else if (sample instanceof ExtremeState e && e.type != ColumnType.STRING) {
      return new ExtremeStateColumn(e.max, e.type, groups);
    } else if (sample instanceof MomentsState m) {
      return new MomentsStateColumn(m.stddev, groups);
    } else if (sample instanceof MedianState) {
      return new MedianStateColumn(groups);
    }
    return new ObjectStateColumn(sample.getClass(), create, groups);
  }

  /** An empty column of this one's kind, with room for {@code groups} groups. */
  public abstract StateColumn empty(int groups);

  /** Makes room for {@code groups} groups. */
  public abstract void reserve(int groups);

  /**
   * An estimate of the heap the column holds, from its arrays' lengths and counts it keeps as it
   * goes: O(1), never a walk over the groups. What a mapper reports as held ({@code
   * Mapper.heldBytes}).
   */
  public abstract long heldBytes();

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
    if (column instanceof ObjectStateColumn o) {
      kryo.writeClass(out, o.type);
    } else if (column instanceof ExtremeStateColumn e) {
      out.writeBoolean(e.max);
      out.writeVarInt(e.type.ordinal(), true);
    } else if (column instanceof MomentsStateColumn m) {
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
      case COUNTS -> new CountStateColumn(0);
      case LONG_SUMS -> new LongSumStateColumn(0);
      case DOUBLE_SUMS, MEANS -> new DoubleSumStateColumn(kind == MEANS, 0);
      case EXTREMES ->
          new ExtremeStateColumn(in.readBoolean(), TYPES[in.readVarInt(true)], 0);
      case MOMENTS -> new MomentsStateColumn(in.readBoolean(), 0);
      case MEDIANS -> new MedianStateColumn(size);
      default -> new ObjectStateColumn(kryo.readClass(in).getType(), null, size);
    };
    column.read(kryo, in, size);
    return column;
  }

  static int grown(int length, int groups) {
    return Math.max(groups, length + (length >> 1));
  }
}

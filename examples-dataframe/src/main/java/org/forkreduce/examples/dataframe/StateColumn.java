package org.forkreduce.examples.dataframe;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One aggregate's states for many groups, by group number: a mapper's table of groups, or a
 * {@link GroupBlock}. Counts, sums, means, and the min and max of numbers are held in primitive
 * arrays: ten million groups then take a few arrays instead of tens of millions of state
 * objects, which a worker would allocate while mapping and the driver while reading the result,
 * and their collectors copy. Other states are kept as objects. Either way a column adds, merges
 * and reads out as its {@link State} would: the same laws, the same results.
 */
abstract class StateColumn {
  private static final byte OBJECTS = 0;
  private static final byte COUNTS = 1;
  private static final byte LONG_SUMS = 2;
  private static final byte DOUBLE_SUMS = 3;
  private static final byte MEANS = 4;
  private static final byte EXTREMES = 5;
  private static final byte MOMENTS = 6;
  private static final ColumnType[] TYPES = ColumnType.values();

  /**
   * A column of the states {@code create} makes, with room for {@code groups} groups: held in
   * arrays for the states that can be, as objects that {@code create} makes for the others.
   */
  static StateColumn of(Supplier<State> create, int groups) {
    State sample = create.get();
    if (sample instanceof State.Count) {
      return new Counts(groups);
    } else if (sample instanceof State.LongSum) {
      return new LongSums(groups);
    } else if (sample instanceof State.DoubleSum d) {
      return new DoubleSums(d.mean, groups);
    } else if (sample instanceof State.Extreme e && e.type != ColumnType.STRING) {
      return new Extremes(e.max, e.type, groups);
    } else if (sample instanceof State.Moments m) {
      return new Moments(m.stddev, groups);
    }
    return new Boxed(sample.getClass(), create, groups);
  }

  /** An empty column of this one's kind, with room for {@code groups} groups. */
  abstract StateColumn empty(int groups);

  /** Makes room for {@code groups} groups. */
  abstract void reserve(int groups);

  /** Makes group {@code g}'s state, empty; called once per group before any other use. */
  void newGroup(int g) {}

  /**
   * Adds one row's values of the aggregate's columns to group {@code g}'s state: none for
   * {@code count()}, one, or two for {@code corr} (x and y); never NA.
   */
  abstract void add(int g, State.Value[] values);

  /** Sets group {@code g}'s state to {@code other}'s group {@code og}'s. */
  abstract void copy(int g, StateColumn other, int og);

  /** Folds {@code other}'s group {@code og} into group {@code g} ({@link State#merge}). */
  abstract void merge(int g, StateColumn other, int og);

  /** Group {@code g}'s result ({@link State#result}). */
  abstract Object result(int g);

  /** Appends group {@code g}'s result to {@code out}, unboxed where the column allows. */
  void resultInto(int g, Column out) {
    out.add(result(g));
  }

  abstract byte kind();

  /** Writes the states of groups {@code [0, size)}. */
  abstract void write(Kryo kryo, Output out, int size);

  /** Reads what {@link #write} wrote into groups {@code [0, size)}. */
  abstract void read(Kryo kryo, Input in, int size);

  /** Writes the column's kind, then its states. */
  static void writeColumn(Kryo kryo, Output out, StateColumn column, int size) {
    out.writeByte(column.kind());
    if (column instanceof Boxed o) {
      kryo.writeClass(out, o.type);
    } else if (column instanceof Extremes e) {
      out.writeBoolean(e.max);
      out.writeVarInt(e.type.ordinal(), true);
    } else if (column instanceof Moments m) {
      out.writeBoolean(m.stddev);
    }
    column.write(kryo, out, size);
  }

  /** Reads a column that {@link #writeColumn} wrote. */
  static StateColumn readColumn(Kryo kryo, Input in, int size) {
    byte kind = in.readByte();
    StateColumn column = switch (kind) {
      case COUNTS -> new Counts(size);
      case LONG_SUMS -> new LongSums(size);
      case DOUBLE_SUMS, MEANS -> new DoubleSums(kind == MEANS, size);
      case EXTREMES -> new Extremes(in.readBoolean(), TYPES[in.readVarInt(true)], size);
      case MOMENTS -> new Moments(in.readBoolean(), size);
      default -> new Boxed(kryo.readClass(in).getType(), null, size);
    };
    column.read(kryo, in, size);
    return column;
  }

  private static int grown(int length, int groups) {
    return Math.max(groups, length + (length >> 1));
  }

  /**
   * States of a fixed number of longs each, group g's at {@code cells[width * g ...]}: grown,
   * copied, written and read as one array.
   */
  private abstract static class Fixed extends StateColumn {
    private final int width;
    long[] cells;

    Fixed(int width, int groups) {
      this.width = width;
      cells = new long[width * Math.max(4, groups)];
    }

    int capacity() {
      return cells.length / width;
    }

    @Override
    void reserve(int groups) {
      if (groups > capacity()) {
        cells = Arrays.copyOf(cells, width * grown(capacity(), groups));
      }
    }

    @Override
    void copy(int g, StateColumn other, int og) {
      System.arraycopy(((Fixed) other).cells, width * og, cells, width * g, width);
    }

    @Override
    void write(Kryo kryo, Output out, int size) {
      out.writeLongs(cells, 0, width * size, false);
    }

    @Override
    void read(Kryo kryo, Input in, int size) {
      cells = in.readLongs(width * size, false);
    }
  }

  /** {@code count()}: the number of rows. */
  private static final class Counts extends Fixed {
    Counts(int groups) {
      super(1, groups);
    }

    @Override
    StateColumn empty(int groups) {
      return new Counts(groups);
    }

    @Override
    void add(int g, State.Value[] values) {
      cells[g]++;
    }

    @Override
    void merge(int g, StateColumn other, int og) {
      cells[g] += ((Counts) other).cells[og];
    }

    @Override
    Object result(int g) {
      return cells[g];
    }

    @Override
    void resultInto(int g, Column out) {
      out.addLong(cells[g]);
    }

    @Override
    byte kind() {
      return COUNTS;
    }
  }

  /** {@code sum} of a long column: the sum at 2g, the number of values at 2g + 1. */
  private static final class LongSums extends Fixed {
    LongSums(int groups) {
      super(2, groups);
    }

    @Override
    StateColumn empty(int groups) {
      return new LongSums(groups);
    }

    @Override
    void add(int g, State.Value[] values) {
      cells[2 * g] = Math.addExact(cells[2 * g], values[0].asLong);
      cells[2 * g + 1]++;
    }

    @Override
    void merge(int g, StateColumn other, int og) {
      long[] o = ((LongSums) other).cells;
      cells[2 * g] = Math.addExact(cells[2 * g], o[2 * og]);
      cells[2 * g + 1] += o[2 * og + 1];
    }

    @Override
    Object result(int g) {
      return cells[2 * g + 1] == 0 ? null : cells[2 * g];
    }

    @Override
    void resultInto(int g, Column out) {
      if (cells[2 * g + 1] == 0) {
        out.add(null);
      } else {
        out.addLong(cells[2 * g]);
      }
    }

    @Override
    byte kind() {
      return LONG_SUMS;
    }
  }

  /** The values of a column's exact sums outside their window, by group; rare, so sparse. */
  private static final class Rests {
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

  /**
   * {@code sum} of a double column, or {@code mean}: group g's exact sum is the fixed-point
   * limbs at {@code cells[STRIDE * g ...]} plus, rarely, values outside their window in
   * {@code rest} (see {@link ExactSum}); its number of values follows the limbs, so that a row's
   * update touches one run of longs. Adds use ExactSum's static add; a merge or a result loads
   * the sums into scratch {@link ExactSum}s, so the arithmetic is ExactSum's own.
   */
  private static final class DoubleSums extends Fixed {
    private static final int STRIDE = ExactSum.SIZE + 1;
    private static final int N = ExactSum.SIZE;
    private final boolean mean;
    private final Rests rest = new Rests();
    private final ExactSum mine = new ExactSum();
    private final ExactSum theirs = new ExactSum();

    DoubleSums(boolean mean, int groups) {
      super(STRIDE, groups);
      this.mean = mean;
    }

    @Override
    void reserve(int groups) {
      super.reserve(groups);
      rest.reserve(capacity());
    }

    @Override
    StateColumn empty(int groups) {
      return new DoubleSums(mean, groups);
    }

    @Override
    void add(int g, State.Value[] values) {
      double x = values[0].asDouble;
      if (!ExactSum.add(cells, STRIDE * g, x)) {
        rest.set(g, ExactSum.addOutside(rest.get(g), x), capacity());
      }
      cells[STRIDE * g + N]++;
    }

    @Override
    void copy(int g, StateColumn other, int og) {
      super.copy(g, other, og);
      rest.set(g, ((DoubleSums) other).rest.get(og), capacity());
    }

    @Override
    void merge(int g, StateColumn other, int og) {
      DoubleSums o = (DoubleSums) other;
      mine.load(cells, STRIDE * g, rest.get(g));
      theirs.load(o.cells, STRIDE * og, o.rest.get(og));
      mine.addAll(theirs);
      mine.store(cells, STRIDE * g);
      cells[STRIDE * g + N] += o.cells[STRIDE * og + N];
      rest.set(g, mine.rest(), capacity());
    }

    @Override
    Object result(int g) {
      return cells[STRIDE * g + N] == 0 ? null : value(g);
    }

    @Override
    void resultInto(int g, Column out) {
      if (cells[STRIDE * g + N] == 0) {
        out.add(null);
      } else {
        out.addDouble(value(g));
      }
    }

    private double value(int g) {
      mine.load(cells, STRIDE * g, rest.get(g));
      return mean ? mine.value() / cells[STRIDE * g + N] : mine.value();
    }

    @Override
    byte kind() {
      return mean ? MEANS : DOUBLE_SUMS;
    }

    @Override
    void write(Kryo kryo, Output out, int size) {
      super.write(kryo, out, size);
      rest.write(kryo, out, size);
    }

    @Override
    void read(Kryo kryo, Input in, int size) {
      super.read(kryo, in, size);
      rest.read(kryo, in, capacity());
    }
  }

  /**
   * {@code var} or {@code stddev} of a double column: group g's number of values at
   * {@code cells[STRIDE * g]}, then the exact sums of the values and of their squares (with
   * their rare rests), read out as {@link State.Moments} does.
   */
  private static final class Moments extends Fixed {
    private static final int STRIDE = 1 + 2 * ExactSum.SIZE;
    private static final int SUM = 1;
    private static final int SQUARES = 1 + ExactSum.SIZE;
    private final boolean stddev;
    private final Rests sumRest = new Rests();
    private final Rests squaresRest = new Rests();
    private final ExactSum[] scratch = {new ExactSum(), new ExactSum(), new ExactSum(),
        new ExactSum()};

    Moments(boolean stddev, int groups) {
      super(STRIDE, groups);
      this.stddev = stddev;
    }

    @Override
    void reserve(int groups) {
      super.reserve(groups);
      sumRest.reserve(capacity());
      squaresRest.reserve(capacity());
    }

    @Override
    StateColumn empty(int groups) {
      return new Moments(stddev, groups);
    }

    @Override
    void add(int g, State.Value[] values) {
      double x = values[0].asDouble;
      int at = STRIDE * g;
      cells[at]++;
      Expansion sum = sumRest.get(g);
      Expansion newSum = ExactSum.add(cells, at + SUM, sum, x);
      if (newSum != sum) {
        sumRest.set(g, newSum, capacity());
      }
      Expansion squares = squaresRest.get(g);
      Expansion newSquares = ExactSum.addProduct(cells, at + SQUARES, squares, x, x);
      if (newSquares != squares) {
        squaresRest.set(g, newSquares, capacity());
      }
    }

    @Override
    void copy(int g, StateColumn other, int og) {
      super.copy(g, other, og);
      Moments o = (Moments) other;
      sumRest.set(g, o.sumRest.get(og), capacity());
      squaresRest.set(g, o.squaresRest.get(og), capacity());
    }

    @Override
    void merge(int g, StateColumn other, int og) {
      Moments o = (Moments) other;
      cells[STRIDE * g] += o.cells[STRIDE * og];
      merge(g, o, og, SUM, sumRest, o.sumRest);
      merge(g, o, og, SQUARES, squaresRest, o.squaresRest);
    }

    private void merge(int g, Moments o, int og, int offset, Rests mine, Rests theirs) {
      ExactSum a = scratch[0];
      ExactSum b = scratch[1];
      a.load(cells, STRIDE * g + offset, mine.get(g));
      b.load(o.cells, STRIDE * og + offset, theirs.get(og));
      a.addAll(b);
      a.store(cells, STRIDE * g + offset);
      mine.set(g, a.rest(), capacity());
    }

    @Override
    Object result(int g) {
      ExactSum sum = scratch[2];
      ExactSum squares = scratch[3];
      sum.load(cells, STRIDE * g + SUM, sumRest.get(g));
      squares.load(cells, STRIDE * g + SQUARES, squaresRest.get(g));
      return State.Moments.result(stddev, cells[STRIDE * g], sum, squares);
    }

    @Override
    byte kind() {
      return MOMENTS;
    }

    @Override
    void write(Kryo kryo, Output out, int size) {
      super.write(kryo, out, size);
      sumRest.write(kryo, out, size);
      squaresRest.write(kryo, out, size);
    }

    @Override
    void read(Kryo kryo, Input in, int size) {
      super.read(kryo, in, size);
      sumRest.read(kryo, in, capacity());
      squaresRest.read(kryo, in, capacity());
    }
  }

  /**
   * {@code min} or {@code max} of a long or double column: the value at 2g (a double as its
   * bits), at 2g + 1 whether there is one; compared and read out as {@link State.Extreme} does.
   */
  private static final class Extremes extends Fixed {
    private final boolean max;
    private final ColumnType type;

    Extremes(boolean max, ColumnType type, int groups) {
      super(2, groups);
      this.max = max;
      this.type = type;
    }

    @Override
    StateColumn empty(int groups) {
      return new Extremes(max, type, groups);
    }

    @Override
    void add(int g, State.Value[] values) {
      State.Value v = values[0];
      offer(g, type == ColumnType.LONG ? v.asLong : Double.doubleToRawLongBits(v.asDouble));
    }

    private void offer(int g, long value) {
      long current = cells[2 * g];
      int c = cells[2 * g + 1] == 0 ? 0 : State.compare(type, value,
          Double.longBitsToDouble(value), null, current, Double.longBitsToDouble(current), null);
      if (cells[2 * g + 1] == 0 || (max ? c > 0 : c < 0)) {
        cells[2 * g] = value;
        cells[2 * g + 1] = 1;
      }
    }

    @Override
    void merge(int g, StateColumn other, int og) {
      long[] o = ((Extremes) other).cells;
      if (o[2 * og + 1] != 0) {
        offer(g, o[2 * og]);
      }
    }

    @Override
    Object result(int g) {
      long value = cells[2 * g];
      return cells[2 * g + 1] == 0 ? null
          : State.typed(type, value, Double.longBitsToDouble(value), null);
    }

    @Override
    byte kind() {
      return EXTREMES;
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
    StateColumn empty(int groups) {
      return new Boxed(type, create, groups);
    }

    @Override
    void reserve(int groups) {
      if (groups > states.length) {
        states = Arrays.copyOf(states, grown(states.length, groups));
      }
    }

    @Override
    void newGroup(int g) {
      states[g] = create.get();
    }

    @Override
    void add(int g, State.Value[] values) {
      states[g].add(values[0]);
      if (values.length == 2) {
        ((State.Corr) states[g]).addY(values[1]);
      }
    }

    @Override
    void copy(int g, StateColumn other, int og) {
      states[g] = ((Boxed) other).states[og];
    }

    @Override
    void merge(int g, StateColumn other, int og) {
      states[g].merge(((Boxed) other).states[og]);
    }

    @Override
    Object result(int g) {
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

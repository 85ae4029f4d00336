package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;
import java.util.function.Supplier;

/** Any other state, as objects of one class; written by the class's Kryo serializer. */
final class ObjectStateColumn extends StateColumn {
  final Class<?> type;
  /** Makes a new group's state; null for a column read from a partial, which gets none. */
  private final Supplier<State> create;
  /**
   * What one state object is taken to cost: a few fields and their boxes or strings. A top(c, n)
   * state of a large n holds more; the estimate stays O(1).
   */
  private static final int STATE_BYTES = 64;
  private State[] states;
  /** States made, copied or read in: {@link #heldBytes}. */
  private int held;

  ObjectStateColumn(Class<?> type, Supplier<State> create, int groups) {
    this.type = type;
    this.create = create;
    states = new State[Math.max(4, groups)];
  }

  @Override
  public StateColumn empty(int groups) {
    return new ObjectStateColumn(type, create, groups);
  }

  @Override
  public void reserve(int groups) {
    if (groups > states.length) {
      states = Arrays.copyOf(states, grown(states.length, groups));
    }
  }

  @Override
  public long heldBytes() {
    return 8L * states.length + (long) STATE_BYTES * held;
  }

  @Override
  public void newGroup(int g) {
    states[g] = create.get();
    held++;
  }

  @Override
  public void add(int g, State.Value[] values) {
    states[g].add(values[0]);
    if (values.length == 2) {
      ((CorrState) states[g]).addY(values[1]);
    }
  }

  @Override
  public void copy(int g, StateColumn other, int og) {
    states[g] = ((ObjectStateColumn) other).states[og];
    held++;
  }

  @Override
  public void merge(int g, StateColumn other, int og) {
    states[g].merge(((ObjectStateColumn) other).states[og]);
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
    held += size;
  }
}

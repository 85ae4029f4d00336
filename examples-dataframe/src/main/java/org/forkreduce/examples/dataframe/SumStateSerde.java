package org.forkreduce.examples.dataframe;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;

/**
 * Kryo's serializer for count and sum states, which results with millions of groups are made of.
 * It writes their fields in a fixed order and makes them with {@code new}. Kryo's generic
 * serializer made each state by reflection and read its fields through a per-field dispatch,
 * which took a third of the time a driver spent reading ten million groups.
 */
public final class SumStateSerde extends Serializer<State> {
  public SumStateSerde() {}

  @Override
  public void write(Kryo kryo, Output out, State state) {
    if (state instanceof State.Count c) {
      out.writeVarLong(c.n, true);
    } else if (state instanceof State.LongSum s) {
      out.writeVarLong(s.sum, false);
      out.writeVarLong(s.n, true);
    } else {
      State.DoubleSum d = (State.DoubleSum) state;
      out.writeBoolean(d.mean);
      out.writeVarLong(d.n, true);
      d.sum.write(kryo, out);
    }
  }

  @Override
  public State read(Kryo kryo, Input in, Class<? extends State> type) {
    if (type == State.Count.class) {
      State.Count c = new State.Count();
      c.n = in.readVarLong(true);
      return c;
    }
    if (type == State.LongSum.class) {
      State.LongSum s = new State.LongSum();
      s.sum = in.readVarLong(false);
      s.n = in.readVarLong(true);
      return s;
    }
    State.DoubleSum d = new State.DoubleSum(in.readBoolean());
    d.n = in.readVarLong(true);
    d.sum.read(kryo, in);
    return d;
  }
}

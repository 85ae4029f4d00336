package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import org.forkreduce.examples.dataframe.ColumnType;

/**
 * Kryo's serializer for the states a {@link StateColumn} keeps as objects: correlations,
 * extremes of text and tops. It writes their fields in a fixed order and
 * makes them with {@code new}. Kryo's generic serializer made each state by reflection and read
 * its fields through a per-field dispatch, which took a third of the time a driver spent reading
 * ten million groups. ({@code first} keeps the generic one; the other states travel in their
 * columns' arrays.)
 */
public final class StateSerde extends Serializer<State> {
  private static final ColumnType[] TYPES = ColumnType.values();

  public StateSerde() {}

  @Override
  public void write(Kryo kryo, Output out, State state) {
    if (state instanceof CorrState c) {
      out.writeVarLong(c.n, true);
      for (ExactSum s : c.sums()) {
        s.write(kryo, out);
      }
      out.writeDouble(c.pendingX);
    } else if (state instanceof ExtremeState e) {
      out.writeBoolean(e.max);
      out.writeVarInt(e.type.ordinal(), true);
      out.writeBoolean(e.seen);
      out.writeVarLong(e.asLong, false);
      out.writeDouble(e.asDouble);
      out.writeString(e.text);
    } else {
      TopState t = (TopState) state;
      out.writeVarInt(t.n, true);
      out.writeBoolean(t.exact);
      out.writeVarInt(t.size, true);
      if (t.size > 0 && t.exact) {
        out.writeLongs(t.longs, 0, t.size);
      } else if (t.size > 0) {
        out.writeDoubles(t.doubles, 0, t.size);
      }
    }
  }

  @Override
  public State read(Kryo kryo, Input in, Class<? extends State> type) {
    if (type == CorrState.class) {
      CorrState c = new CorrState();
      c.n = in.readVarLong(true);
      for (ExactSum s : c.sums()) {
        s.read(kryo, in);
      }
      c.pendingX = in.readDouble();
      return c;
    } else if (type == ExtremeState.class) {
      ExtremeState e = new ExtremeState(in.readBoolean(), TYPES[in.readVarInt(true)]);
      e.seen = in.readBoolean();
      e.asLong = in.readVarLong(false);
      e.asDouble = in.readDouble();
      e.text = in.readString();
      return e;
    }
    int n = in.readVarInt(true);
    TopState t = new TopState(n, in.readBoolean() ? ColumnType.LONG : ColumnType.DOUBLE);
    t.size = in.readVarInt(true);
    if (t.size > 0 && t.exact) {
      t.longs = in.readLongs(t.size);
    } else if (t.size > 0) {
      t.doubles = in.readDoubles(t.size);
    }
    return t;
  }
}

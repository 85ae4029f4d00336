package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import org.forkreduce.examples.dataframe.ColumnType;

/**
 * The smallest or largest value, kept in this object's fields: with many groups, an update
 * reads no object but this one.
 */
@DefaultSerializer(StateSerde.class)
final class ExtremeState extends State {
  final boolean max;
  final ColumnType type;
  boolean seen;
  long asLong;
  double asDouble;
  String text;

  ExtremeState(boolean max, ColumnType type) {
    this.max = max;
    this.type = type;
  }

  @Override
  public void add(Value v) {
    offer(v.asLong, v.asDouble, v.text);
  }

  private void offer(long l, double d, String t) {
    int c = seen ? compare(type, l, d, t, asLong, asDouble, text) : 0;
    if (!seen || (max ? c > 0 : c < 0)) {
      seen = true;
      asLong = l;
      asDouble = d;
      text = t;
    }
  }

  @Override
  public void merge(State o) {
    ExtremeState e = (ExtremeState) o;
    if (e.seen) {
      offer(e.asLong, e.asDouble, e.text);
    }
  }

  @Override
  public Object result() {
    return seen ? typed(type, asLong, asDouble, text) : null;
  }
}

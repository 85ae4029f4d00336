package org.forkreduce.examples.dataframe;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;

/**
 * The values of the group columns of one row, as read (an empty string is the NA group). Its
 * hash depends only on the strings, so it is the same in every worker JVM.
 */
@DefaultSerializer(GroupKey.Serde.class)
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

  /**
   * Writes the values; reads them back through a {@link StringCache}, so that millions of keys
   * read from partials share their repeated values (one cache per Kryo instance). Public only
   * because Kryo instantiates it; not for direct use.
   */
  public static final class Serde extends Serializer<GroupKey> {
    private final StringCache strings = new StringCache();

    public Serde() {}

    @Override
    public void write(Kryo kryo, Output output, GroupKey key) {
      output.writeVarInt(key.values.length, true);
      for (String v : key.values) {
        output.writeString(v);
      }
    }

    @Override
    public GroupKey read(Kryo kryo, Input input, Class<? extends GroupKey> type) {
      String[] values = new String[input.readVarInt(true)];
      for (int i = 0; i < values.length; i++) {
        String v = input.readString();
        values[i] = v == null ? null : strings.intern(v);
      }
      return new GroupKey(values);
    }
  }
}

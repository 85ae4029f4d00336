package org.forkreduce.examples.dataframe;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.Arrays;

/**
 * Groups and their aggregate states, packed: the keys' bytes ({@link GroupKey}) one after another
 * in one array, their hashes and states in arrays by group number. A worker hands its groups
 * on as one block per {@link #partition}, the framework's key, and blocks of a partition
 * {@link #merge} into one. So the framework combines, writes, reads and merges a few blocks
 * instead of an entry per group: a block is written and read by one tight loop over its groups,
 * and its keys lie one after another in memory instead of one object each.
 *
 * <p>Keys within a block are distinct. Not thread-safe.
 */
@DefaultSerializer(GroupBlock.Serde.class)
final class GroupBlock {
  /** The number of partitions, by the top bits of a key's spread hash. */
  static final int PARTITIONS = 64;
  private static final int PARTITION_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(
      PARTITIONS);

  private byte[] keys;
  /** Group g's key is {@code keys[g == 0 ? 0 : ends[g - 1], ends[g])}. */
  private int[] ends;
  private int[] hashes;
  private State[][] states;
  private int size;
  /** Open addressing over the groups, each slot a group number + 1; made by the first merge. */
  private int[] index;

  GroupBlock(int groups, int keyBytes) {
    keys = new byte[Math.max(16, keyBytes)];
    ends = new int[Math.max(4, groups)];
    hashes = new int[ends.length];
    states = new State[ends.length][];
  }

  /** The partition of a key of this hash, in {@code [0, PARTITIONS)}. */
  static int partition(int hash) {
    // the top bits: a block's index and the map task's table use the low ones
    return GroupTable.spread(hash) >>> PARTITION_SHIFT;
  }

  int size() {
    return size;
  }

  /** The packed keys; group g's is {@code [from(g), to(g))}. */
  byte[] keys() {
    return keys;
  }

  /** Where group g's key starts: where the last one ends, for g = size. */
  int from(int g) {
    return g == 0 ? 0 : ends[g - 1];
  }

  int to(int g) {
    return ends[g];
  }

  State[] states(int g) {
    return states[g];
  }

  /** Appends a group whose key, {@code key[from, to)} of this hash, is not in the block yet. */
  void add(byte[] key, int from, int to, int hash, State[] groupStates) {
    int start = from(size);
    int end = start + (to - from);
    reserve(size + 1, end);
    System.arraycopy(key, from, keys, start, to - from);
    ends[size] = end;
    hashes[size] = hash;
    states[size] = groupStates;
    size++;
    if (index != null) {
      if (size * 2 > index.length) {
        indexGroups(size);
      } else {
        insert(size - 1);
      }
    }
  }

  /**
   * Folds {@code other}'s groups into this block: the states of a group in both are merged into
   * this block's, the other groups are appended. {@code other} must not be used afterwards (its
   * states may now be this block's).
   */
  GroupBlock merge(GroupBlock other) {
    reserve(size + other.size, from(size) + other.from(other.size));
    if (index == null || (size + other.size) * 2 > index.length) {
      indexGroups(size + other.size);
    }
    for (int g = 0; g < other.size; g++) {
      int found = find(other.keys, other.from(g), other.to(g), other.hashes[g]);
      if (found < 0) {
        add(other.keys, other.from(g), other.to(g), other.hashes[g], other.states[g]);
      } else {
        State[] mine = states[found];
        State[] theirs = other.states[g];
        for (int c = 0; c < mine.length; c++) {
          mine[c].merge(theirs[c]);
        }
      }
    }
    return this;
  }

  /** Makes room for {@code groups} groups of {@code keyBytes} bytes in all, at least doubling. */
  private void reserve(int groups, int keyBytes) {
    if (keyBytes > keys.length) {
      keys = Arrays.copyOf(keys, Math.max(keyBytes, keys.length * 2));
    }
    if (groups > ends.length) {
      int n = Math.max(groups, ends.length * 2);
      ends = Arrays.copyOf(ends, n);
      hashes = Arrays.copyOf(hashes, n);
      states = Arrays.copyOf(states, n);
    }
  }

  /** The group whose key is {@code key[from, to)} of this hash, or -1. */
  private int find(byte[] key, int from, int to, int hash) {
    int mask = index.length - 1;
    for (int i = GroupTable.spread(hash) & mask; index[i] != 0; i = (i + 1) & mask) {
      int g = index[i] - 1;
      if (hashes[g] == hash && Arrays.equals(keys, from(g), ends[g], key, from, to)) {
        return g;
      }
    }
    return -1;
  }

  /** Indexes the groups there are, in room for twice {@code groups} at half load. */
  private void indexGroups(int groups) {
    index = new int[Integer.highestOneBit(Math.max(8, groups * 4) - 1) << 1];
    for (int g = 0; g < size; g++) {
      insert(g);
    }
  }

  private void insert(int g) {
    int mask = index.length - 1;
    int i = GroupTable.spread(hashes[g]) & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = g + 1;
  }

  /**
   * Writes the keys and hashes as arrays, the class of each aggregate's states once, then the
   * states group by group. Public only because Kryo instantiates it.
   */
  public static final class Serde extends Serializer<GroupBlock> {
    public Serde() {}

    @Override
    public void write(Kryo kryo, Output out, GroupBlock block) {
      int size = block.size;
      out.writeVarInt(size, true);
      if (size == 0) {
        return;
      }
      int bytes = block.ends[size - 1];
      out.writeVarInt(bytes, true);
      out.writeBytes(block.keys, 0, bytes);
      out.writeInts(block.ends, 0, size);
      out.writeInts(block.hashes, 0, size);
      State[] first = block.states[0];
      out.writeVarInt(first.length, true);
      Serializer<?>[] serializers = new Serializer<?>[first.length];
      for (int c = 0; c < first.length; c++) {
        // every group's state of aggregate c is of one class: State.create made them all
        serializers[c] = kryo.writeClass(out, first[c].getClass()).getSerializer();
      }
      for (int g = 0; g < size; g++) {
        State[] s = block.states[g];
        for (int c = 0; c < s.length; c++) {
          kryo.writeObject(out, s[c], serializers[c]);
        }
      }
    }

    @Override
    public GroupBlock read(Kryo kryo, Input in, Class<? extends GroupBlock> type) {
      int size = in.readVarInt(true);
      GroupBlock block = new GroupBlock(size, 0);
      if (size == 0) {
        return block;
      }
      block.keys = in.readBytes(in.readVarInt(true));
      block.ends = in.readInts(size);
      block.hashes = in.readInts(size);
      Registration[] classes = new Registration[in.readVarInt(true)];
      for (int c = 0; c < classes.length; c++) {
        classes[c] = kryo.readClass(in);
      }
      block.states = new State[size][];
      for (int g = 0; g < size; g++) {
        State[] s = new State[classes.length];
        for (int c = 0; c < s.length; c++) {
          s[c] = (State) kryo.readObject(in, classes[c].getType(), classes[c].getSerializer());
        }
        block.states[g] = s;
      }
      block.size = size;
      return block;
    }
  }
}

package org.forkreduce.examples.dataframe.group;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.forkreduce.KnownSize;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.forkreduce.examples.dataframe.table.ResultColumn;

/**
 * Groups and their aggregate states, packed: the keys' bytes ({@link GroupKey}) one after another
 * in one array, their hashes in an array and each aggregate's states in a {@link StateColumn},
 * by group number. A worker hands its groups
 * on as one block per {@link #partition}, the framework's key, and blocks of a partition
 * {@link #merge} into one. So the framework combines, writes, reads and merges a few blocks
 * instead of an entry per group: a block is written and read by one tight loop over its groups,
 * and its keys lie one after another in memory instead of one object each.
 *
 * <p>The framework's reducer {@link #link}s blocks instead of merging them: the last merge of a
 * reduction then copies no block, and the table reads each block's groups where they lie
 * ({@link #distinct}). A block is {@link #settle}d before it is written.
 *
 * <p>Keys within a block are distinct. Not thread-safe.
 */
@DefaultSerializer(GroupBlock.Serde.class)
public final class GroupBlock implements KnownSize {
  /** The number of partitions, by the top bits of a key's spread hash. */
  static final int PARTITIONS = 64;
  private static final int PARTITION_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(
      PARTITIONS);

  private byte[] keys;
  /** Group g's key is {@code keys[g == 0 ? 0 : ends[g - 1], ends[g])}. */
  private int[] ends;
  private int[] hashes;
  /** Each aggregate's states, by group; made by the first add, null until then. */
  private StateColumn[] states;
  private int size;
  /** Open addressing over the groups, each slot a group number + 1; made by the first merge. */
  private int[] index;
  /** Blocks of this partition {@link #link}ed to this one, not yet merged in; null when none. */
  private List<GroupBlock> linked;

  GroupBlock(int groups, int keyBytes) {
    keys = new byte[Math.max(16, keyBytes)];
    ends = new int[Math.max(4, groups)];
    hashes = new int[ends.length];
  }

  /** The partition of a key of this hash, in {@code [0, PARTITIONS)}. */
  static int partition(int hash) {
    // the top bits: a block's index and the map task's table use the low ones
    return HashSlots.spread(hash) >>> PARTITION_SHIFT;
  }

  int size() {
    return size;
  }

  /**
   * The block's arrays and states by their lengths, and its linked blocks': so the framework
   * sizes a worker's partial without serializing the blocks in it.
   */
  @Override
  public long heapBytes() {
    long bytes = 64L + keys.length + 8L * ends.length + (index == null ? 0 : 4L * index.length);
    for (StateColumn c : states == null ? new StateColumn[0] : states) {
      bytes += c.heldBytes();
    }
    for (GroupBlock other : linked == null ? List.<GroupBlock>of() : linked) {
      bytes += other.heapBytes();
    }
    return bytes;
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

  /** The result of aggregate {@code c} for group {@code g} ({@link StateColumn#result}). */
  Object result(int c, int g) {
    return states[c].result(g);
  }

  /** Works out ahead the results that are costly to find ({@link StateColumn#prepareResults}). */
  void prepareResults() {
    for (StateColumn c : states == null ? new StateColumn[0] : states) {
      c.prepareResults(size);
    }
  }

  /** Appends {@link #result} to {@code out}, unboxed where it can. */
  void resultInto(int c, int g, ResultColumn out) {
    states[c].resultInto(g, out);
  }

  /**
   * Aggregate {@code c}'s states of this block's groups, by group: made empty, of the kind of
   * {@code like}'s, if the block has none yet.
   */
  StateColumn states(int c, StateColumn[] like) {
    if (states == null) {
      states = new StateColumn[like.length];
    }
    if (states[c] == null) {
      states[c] = like[c].empty(ends.length);
    }
    return states[c];
  }

  /**
   * Appends a group whose key, {@code key[from, to)} of this hash, is not in the block yet, and
   * returns its number; the caller sets its states (through {@link #states}).
   */
  int addKey(byte[] key, int from, int to, int hash) {
    int start = from(size);
    int end = start + (to - from);
    reserve(size + 1, end);
    System.arraycopy(key, from, keys, start, to - from);
    ends[size] = end;
    hashes[size] = hash;
    size++;
    if (index != null) {
      if (size * 2 > index.length) {
        indexGroups(size);
      } else {
        insert(size - 1);
      }
    }
    return size - 1;
  }

  /**
   * Folds {@code other}'s groups into this block: the states of a group in both are merged into
   * this block's, the other groups are appended. {@code other} must not be used afterwards (its
   * states may now be this block's).
   */
  GroupBlock merge(GroupBlock other) {
    settle();
    other.settle();
    if (other.size == 0 || size == 0) {
      return size == 0 ? other : this;
    }
    reserve(size + other.size, from(size) + other.from(other.size));
    if (index == null || (size + other.size) * 2 > index.length) {
      indexGroups(size + other.size);
    }
    for (int g = 0; g < other.size; g++) {
      int found = find(other.keys, other.from(g), other.to(g), other.hashes[g]);
      if (found < 0) {
        int mine = addKey(other.keys, other.from(g), other.to(g), other.hashes[g]);
        for (int c = 0; c < states.length; c++) {
          states[c].copy(mine, other.states[c], g);
        }
      } else {
        mergeStates(found, other, g);
      }
    }
    return this;
  }

  private void mergeStates(int g, GroupBlock other, int og) {
    for (int c = 0; c < states.length; c++) {
      states[c].merge(g, other.states[c], og);
    }
  }

  /**
   * Adds {@code other}'s groups to this block's as {@link #merge} does, but lazily: other is kept
   * beside this block, and a group in both stays in both until {@link #settle} or
   * {@link #distinct}. Other must not be used afterwards.
   */
  GroupBlock link(GroupBlock other) {
    if (other.isEmpty() || isEmpty()) {
      return isEmpty() ? other : this;
    }
    if (linked == null) {
      linked = new ArrayList<>();
    }
    linked.add(other);
    if (other.linked != null) {
      linked.addAll(other.linked);
      other.linked = null;
    }
    return this;
  }

  /** Whether this block has no groups and none linked to it. */
  private boolean isEmpty() {
    return size == 0 && linked == null;
  }

  /** Merges the {@link #link}ed blocks in; returns this block. */
  GroupBlock settle() {
    List<GroupBlock> others = linked;
    linked = null;
    for (GroupBlock other : others == null ? List.<GroupBlock>of() : others) {
      merge(other);
    }
    return this;
  }

  /** A block, and the groups of it that an earlier block of its partition stands for. */
  record Part(GroupBlock block, BitSet gone) {
    int groups() {
      return block.size - gone.cardinality();
    }
  }

  /** Slots a thread reuses to index one partition's blocks after another's ({@link #distinct}). */
  static final class Probe {
    private int[] slots = new int[0];
    /** The number of slots in use less one: the last {@link #cleared} call's. */
    private int mask;

    /** Slots for {@code groups} groups at most half full, all free. */
    private int[] cleared(int groups) {
      int n = Integer.highestOneBit(Math.max(8, groups * 2) - 1) << 1;
      mask = n - 1;
      if (slots.length < n) {
        slots = new int[n];
      } else {
        Arrays.fill(slots, 0, n, 0);
      }
      return slots;
    }
  }

  /**
   * This block and its linked ones, each group's key once: a key found in more than one has its
   * states merged into its first block's and is marked gone in the later ones. Copies no block:
   * one index over them all tells which keys repeat. The linked blocks are this block's parts
   * afterwards and must not be used apart.
   */
  List<Part> distinct(Probe probe) {
    List<GroupBlock> blocks = new ArrayList<>();
    blocks.add(this);
    blocks.addAll(linked == null ? List.of() : linked);
    linked = null;
    List<Part> parts = new ArrayList<>();
    if (blocks.size() == 1) {
      parts.add(new Part(this, new BitSet()));
      return parts;
    }
    int[] starts = new int[blocks.size() + 1];
    for (int b = 0; b < blocks.size(); b++) {
      starts[b + 1] = starts[b] + blocks.get(b).size;
    }
    int[] slots = probe.cleared(starts[blocks.size()]);
    int mask = probe.mask;
    for (int b = 0; b < blocks.size(); b++) {
      GroupBlock block = blocks.get(b);
      BitSet gone = new BitSet();
      for (int g = 0; g < block.size; g++) {
        int i = HashSlots.spread(block.hashes[g]) & mask;
        for (; slots[i] != 0; i = (i + 1) & mask) {
          int seen = slots[i] - 1;
          int ob = blockOf(starts, seen);
          GroupBlock other = blocks.get(ob);
          int og = seen - starts[ob];
          if (other.hashes[og] == block.hashes[g] && Arrays.equals(other.keys, other.from(og),
              other.ends[og], block.keys, block.from(g), block.ends[g])) {
            other.mergeStates(og, block, g);
            gone.set(g);
            break;
          }
        }
        if (!gone.get(g)) {
          slots[i] = starts[b] + g + 1;
        }
      }
      parts.add(new Part(block, gone));
    }
    return parts;
  }

  /** The block whose numbers {@code [starts[b], starts[b + 1])} hold {@code n}. */
  private static int blockOf(int[] starts, int n) {
    int b = 0;
    while (n >= starts[b + 1]) {
      b++;
    }
    return b;
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
      for (StateColumn c : states == null ? new StateColumn[0] : states) {
        c.reserve(n);
      }
    }
  }

  /** The group whose key is {@code key[from, to)} of this hash, or -1. */
  private int find(byte[] key, int from, int to, int hash) {
    int mask = index.length - 1;
    for (int i = HashSlots.spread(hash) & mask; index[i] != 0; i = (i + 1) & mask) {
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
    int i = HashSlots.spread(hashes[g]) & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = g + 1;
  }

  /**
   * Writes the keys and hashes as arrays, then each aggregate's {@link StateColumn}. Public only
   * because Kryo instantiates it.
   */
  public static final class Serde extends Serializer<GroupBlock> {
    public Serde() {}

    @Override
    public void write(Kryo kryo, Output out, GroupBlock block) {
      int size = block.settle().size;
      out.writeVarInt(size, true);
      if (size == 0) {
        return;
      }
      int bytes = block.ends[size - 1];
      out.writeVarInt(bytes, true);
      out.writeBytes(block.keys, 0, bytes);
      out.writeInts(block.ends, 0, size);
      out.writeInts(block.hashes, 0, size);
      out.writeVarInt(block.states.length, true);
      for (StateColumn c : block.states) {
        StateColumn.writeColumn(kryo, out, c, size);
      }
    }

    @Override
    public GroupBlock read(Kryo kryo, Input in, Class<? extends GroupBlock> type) {
      int size = in.readVarInt(true);
      GroupBlock block = new GroupBlock(0, 0); // its arrays are the ones read
      if (size == 0) {
        return block;
      }
      block.keys = in.readBytes(in.readVarInt(true));
      block.ends = in.readInts(size);
      block.hashes = in.readInts(size);
      block.states = new StateColumn[in.readVarInt(true)];
      for (int c = 0; c < block.states.length; c++) {
        block.states[c] = StateColumn.readColumn(kryo, in, size);
      }
      block.size = size;
      return block;
    }
  }
}

package org.forkreduce.examples.dataframe.group;

import java.util.Arrays;
import java.util.function.IntConsumer;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.table.HashSlots;

/**
 * The groups a worker's map tasks have seen, numbered in the order they came: open addressing
 * over the packed key bytes ({@link GroupKey.Packer}), probed with a row's bytes, so that a row
 * of a known group costs a probe and no allocation. A slot is one long, a group's hash and
 * number, so a probe that meets another group mostly touches no key, and growing the table
 * rehashes one array of longs while the keys stay where they are. The groups' states are kept
 * by number elsewhere ({@link StateColumn}). A new key whose numeric value would not print as
 * written ({@link GroupKey#misread}) is refused, checked once per key and not per row: no key is
 * rewritten. Not thread-safe.
 */
final class GroupTable {
  /** A group's hash in the high half, its number + 1 in the low half; 0 when free. */
  private long[] slots;
  /** The groups' key bytes. */
  private final KeyArena keys;
  /**
   * Group g's key as a long if it has at most eight bytes ({@link GroupKey#whole}: most keys of
   * one or two columns of short values), compared in this array instead of in a byte array
   * object of its own, whose cache misses were most of a lookup among 1e5 groups.
   */
  private long[] wholes;
  /** Group g's hash, as its slot holds it: the table hands its groups on in their order. */
  private int[] hashes;
  private int size;
  /** The types of the key's columns, or null if all are text: no key needs checking. */
  private final ColumnType[] keyTypes;
  /** What {@link #touch} loaded, kept so that the compiler cannot drop the loads. */
  @SuppressWarnings("unused")
  private int touched;

  /**
   * A table with room for {@code groups} groups before it grows, of keys whose columns have
   * {@code keyTypes}.
   */
  GroupTable(int groups, ColumnType[] keyTypes) {
    boolean numeric = false;
    for (ColumnType type : keyTypes) {
      numeric |= type != ColumnType.STRING;
    }
    this.keyTypes = numeric ? keyTypes.clone() : null;
    int n = Math.max(128, groups);
    slots = new long[Integer.highestOneBit(n * 2 - 1) << 1];
    keys = new KeyArena(n, n * 16);
    wholes = new long[n];
    hashes = new int[n];
  }

  /** The number of groups. */
  int size() {
    return size;
  }

  /** The heap the table holds, by its arrays' lengths: O(1). */
  long heldBytes() {
    return 8L * slots.length + 12L * wholes.length + keys.heldBytes();
  }

  /**
   * The group number of each row the packer holds, into {@code out[row]}; a new group is
   * numbered {@link #size()} and told to {@code created} before it is used. Returns -1, or the
   * first row whose key is refused ({@link #groupFor} -1): the rows after it are not looked up.
   */
  int groupsFor(GroupKey.Packer packer, int[] out, IntConsumer created) {
    touch(packer);
    for (int row = 0; row < packer.rows(); row++) {
      if ((out[row] = groupFor(packer, row, created)) < 0) {
        return row;
      }
    }
    return -1;
  }

  /**
   * Loads the slot and key each row of the batch will probe first. The loads of one row do not
   * wait for another's, so the processor has many cache misses in flight at once, where probing
   * row by row would wait for each in turn; the probes then mostly hit the cache.
   */
  private void touch(GroupKey.Packer packer) {
    int mask = slots.length - 1;
    int sum = 0;
    for (int row = 0; row < packer.rows(); row++) {
      long slot = slots[HashSlots.spread(packer.hash(row)) & mask];
      if (slot != 0) {
        int g = (int) slot - 1;
        long whole = packer.whole(row);
        sum += whole != GroupKey.LONG_KEY ? (int) wholes[g] : keys.page(g)[keys.from(g)];
      }
    }
    touched = sum;
  }

  /**
   * The number of packed row {@code row}'s group, made if it is new; -1, and no group, if it is
   * new and a numeric value of its key would not print as written.
   */
  int groupFor(GroupKey.Packer packer, int row, IntConsumer created) {
    int hash = packer.hash(row);
    long whole = packer.whole(row);
    int mask = slots.length - 1;
    for (int i = HashSlots.spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return keyTypes != null && packer.misread(row, keyTypes) >= 0 ? -1
            : add(i, hash, whole, packer, row, created);
      }
      int g = (int) slot - 1;
      if ((int) (slot >>> 32) == hash
          && (whole != GroupKey.LONG_KEY ? wholes[g] == whole
              : packer.matches(row, keys.page(g), keys.from(g), keys.length(g)))) {
        return g;
      }
    }
  }

  private int add(int slot, int hash, long whole, GroupKey.Packer packer, int row,
      IntConsumer created) {
    if (size == wholes.length) {
      wholes = Arrays.copyOf(wholes, 2 * size);
      hashes = Arrays.copyOf(hashes, 2 * size);
    }
    int g = keys.add(packer.length(row));
    packer.copyTo(row, keys.page(g), keys.from(g));
    wholes[g] = whole;
    hashes[g] = hash;
    slots[slot] = (long) hash << 32 | (g + 1);
    if (++size * 2 > slots.length) {
      rehash();
    }
    created.accept(g);
    return g;
  }

  /**
   * The groups, as one block per partition that has any, else null; each group with its states
   * in {@code states} (one column per aggregate), which must not be used afterwards.
   */
  GroupBlock[] blocks(StateColumn[] states) {
    int[] partition = new int[size];
    int[] count = new int[GroupBlock.PARTITIONS];
    int[] bytes = new int[GroupBlock.PARTITIONS];
    for (int g = 0; g < size; g++) {
      int p = GroupBlock.partition(hashes[g]);
      partition[g] = p;
      count[p]++;
      bytes[p] += keys.length(g);
    }
    GroupBlock[] blocks = new GroupBlock[GroupBlock.PARTITIONS];
    for (int p = 0; p < blocks.length; p++) {
      if (count[p] > 0) {
        blocks[p] = new GroupBlock(count[p], bytes[p]); // exactly: no growth
      }
    }
    // in the order the groups came, keys first and then aggregate by aggregate: each pass
    // reads one array from start to end
    for (int g = 0; g < size; g++) {
      int from = keys.from(g);
      blocks[partition[g]].addKey(keys.page(g), from, from + keys.length(g), hashes[g]);
    }
    for (int c = 0; c < states.length; c++) {
      StateColumn[] into = new StateColumn[blocks.length];
      for (int p = 0; p < blocks.length; p++) {
        into[p] = blocks[p] == null ? null : blocks[p].states(c, states);
      }
      states[c].scatter(partition, into, size);
    }
    return blocks;
  }

  /** Doubles the slots; the groups stay where they are. */
  private void rehash() {
    slots = HashSlots.doubled(slots);
  }
}

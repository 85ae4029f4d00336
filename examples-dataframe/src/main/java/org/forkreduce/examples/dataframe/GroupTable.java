package org.forkreduce.examples.dataframe;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The groups a worker's map tasks have seen and their states: open addressing over the packed
 * key bytes ({@link GroupKey.Packer}), probed with a row's bytes, so that a row of a known group
 * costs a probe and no allocation. A slot is one long, a group's hash and number, so a probe that
 * meets another group mostly touches no key, and growing the table rehashes one array of longs
 * while the groups stay where they are. Groups are numbered in the order they came: group g's
 * key and states sit side by side at {@code groups[2g]} and {@code groups[2g + 1]}. Not
 * thread-safe.
 */
final class GroupTable {
  /** A group's hash in the high half, its number + 1 in the low half; 0 when free. */
  private long[] slots;
  /** Group g's key bytes at 2g, its states at 2g + 1. */
  private Object[] groups;
  private int size;
  /** What {@link #touch} loaded, kept so that the compiler cannot drop the loads. */
  @SuppressWarnings("unused")
  private int touched;

  /** A table with room for {@code groups} groups before it grows. */
  GroupTable(int groups) {
    int n = Math.max(128, groups);
    slots = new long[Integer.highestOneBit(n * 2 - 1) << 1];
    this.groups = new Object[2 * n];
  }

  /** The number of groups. */
  int size() {
    return size;
  }

  /**
   * The states of each row the packer holds, into {@code out[row]}; made by {@code create} for
   * a new group.
   */
  void statesFor(GroupKey.Packer packer, State[][] out, Supplier<State[]> create) {
    touch(packer);
    for (int row = 0; row < packer.rows(); row++) {
      out[row] = statesFor(packer, row, create);
    }
  }

  /**
   * Loads the slot, key and states each row of the batch will probe first. The loads of one row
   * do not wait for another's, so the processor has many cache misses in flight at once, where
   * probing row by row would wait for each in turn; the probes then mostly hit the cache.
   */
  private void touch(GroupKey.Packer packer) {
    int mask = slots.length - 1;
    int sum = 0;
    for (int row = 0; row < packer.rows(); row++) {
      long slot = slots[spread(packer.hash(row)) & mask];
      if (slot != 0) {
        int g = (int) slot - 1;
        byte[] key = (byte[]) groups[2 * g];
        State[] s = (State[]) groups[2 * g + 1];
        sum += key.length + s.length;
      }
    }
    touched = sum;
  }

  /** The states of packed row {@code row}'s group, made by {@code create} if it is new. */
  State[] statesFor(GroupKey.Packer packer, int row, Supplier<State[]> create) {
    int hash = packer.hash(row);
    int mask = slots.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return add(i, hash, packer.copy(row), create.get());
      }
      int g = (int) slot - 1;
      if ((int) (slot >>> 32) == hash && packer.matches(row, (byte[]) groups[2 * g])) {
        return (State[]) groups[2 * g + 1];
      }
    }
  }

  private State[] add(int slot, int hash, byte[] key, State[] fresh) {
    if (2 * size == groups.length) {
      groups = Arrays.copyOf(groups, 4 * size);
    }
    groups[2 * size] = key;
    groups[2 * size + 1] = fresh;
    slots[slot] = (long) hash << 32 | (size + 1);
    if (++size * 2 > slots.length) {
      rehash();
    }
    return fresh;
  }

  /** The groups, as one block per partition that has any, else null. */
  GroupBlock[] blocks() {
    int[] count = new int[GroupBlock.PARTITIONS];
    int[] bytes = new int[GroupBlock.PARTITIONS];
    int[] hashes = new int[size];
    for (long slot : slots) {
      if (slot != 0) {
        int g = (int) slot - 1;
        hashes[g] = (int) (slot >>> 32);
        int p = GroupBlock.partition(hashes[g]);
        count[p]++;
        bytes[p] += ((byte[]) groups[2 * g]).length;
      }
    }
    GroupBlock[] blocks = new GroupBlock[GroupBlock.PARTITIONS];
    for (int g = 0; g < size; g++) { // in the order the groups came
      byte[] key = (byte[]) groups[2 * g];
      int p = GroupBlock.partition(hashes[g]);
      if (blocks[p] == null) {
        blocks[p] = new GroupBlock(count[p], bytes[p]); // exactly: no growth
      }
      blocks[p].add(key, 0, key.length, hashes[g], (State[]) groups[2 * g + 1]);
    }
    return blocks;
  }

  /** Doubles the slots; the groups stay where they are. */
  private void rehash() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int i = spread((int) (slot >>> 32)) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  /** Mixes the high bits of a polynomial hash into the low ones the table indexes by. */
  static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}

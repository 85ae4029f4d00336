package org.forkreduce.examples.dataframe;

import java.util.function.Supplier;

/**
 * The groups one map task has seen and their states: open addressing over the packed key bytes
 * ({@link GroupKey.Packer}), probed with a row's bytes, so that a row of a known group costs a
 * probe and no allocation. Hashes sit in their own array, so a probe that meets another group
 * mostly touches no key; key objects are made only when the groups are handed on. Not
 * thread-safe.
 */
final class GroupTable {
  private int[] hashes;
  private byte[][] keys;
  private State[][] states;
  private int size;
  /** What {@link #touch} loaded, kept so that the compiler cannot drop the loads. */
  @SuppressWarnings("unused")
  private int touched;

  /** A table with room for {@code groups} groups before it grows. */
  GroupTable(int groups) {
    int capacity = Integer.highestOneBit(Math.max(128, groups) * 2 - 1) << 1;
    hashes = new int[capacity];
    keys = new byte[capacity][];
    states = new State[capacity][];
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
    int mask = keys.length - 1;
    int sum = 0;
    for (int row = 0; row < packer.rows(); row++) {
      int i = spread(packer.hash(row)) & mask;
      byte[] key = keys[i];
      State[] s = states[i];
      sum += hashes[i] + (key == null ? 0 : key.length) + (s == null ? 0 : s.length);
    }
    touched = sum;
  }

  /** The states of packed row {@code row}'s group, made by {@code create} if it is new. */
  State[] statesFor(GroupKey.Packer packer, int row, Supplier<State[]> create) {
    int hash = packer.hash(row);
    int mask = keys.length - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      byte[] key = keys[i];
      if (key == null) {
        State[] fresh = create.get();
        hashes[i] = hash;
        keys[i] = packer.copy(row);
        states[i] = fresh;
        if (++size * 2 > keys.length) {
          grow();
        }
        return fresh;
      }
      if (hashes[i] == hash && packer.matches(row, key)) {
        return states[i];
      }
    }
  }

  /** The groups, as one block per partition that has any, else null. */
  GroupBlock[] blocks() {
    int[] groups = new int[GroupBlock.PARTITIONS];
    int[] bytes = new int[GroupBlock.PARTITIONS];
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        int p = GroupBlock.partition(hashes[i]);
        groups[p]++;
        bytes[p] += keys[i].length;
      }
    }
    GroupBlock[] blocks = new GroupBlock[GroupBlock.PARTITIONS];
    for (int i = 0; i < keys.length; i++) {
      byte[] key = keys[i];
      if (key != null) {
        int p = GroupBlock.partition(hashes[i]);
        if (blocks[p] == null) {
          blocks[p] = new GroupBlock(groups[p], bytes[p]); // exactly: no growth
        }
        blocks[p].add(key, 0, key.length, hashes[i], states[i]);
      }
    }
    return blocks;
  }

  private void grow() {
    int[] oldHashes = hashes;
    byte[][] oldKeys = keys;
    State[][] oldStates = states;
    hashes = new int[oldKeys.length * 2];
    keys = new byte[oldKeys.length * 2][];
    states = new State[oldKeys.length * 2][];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = spread(oldHashes[j]) & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        keys[i] = oldKeys[j];
        states[i] = oldStates[j];
      }
    }
  }

  /** Mixes the high bits of a polynomial hash into the low ones the table indexes by. */
  static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}

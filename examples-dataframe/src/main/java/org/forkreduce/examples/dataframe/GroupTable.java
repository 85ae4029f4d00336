package org.forkreduce.examples.dataframe;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The groups one map task has seen and their states: open addressing over the keys' hashes, probed
 * with a row's packed key bytes ({@link GroupKey.Packer}), so that a row of a known group costs a
 * probe and no allocation. Not thread-safe.
 */
final class GroupTable {
  private GroupKey[] keys = new GroupKey[256];
  private State[][] states = new State[256][];
  private int size;

  /** The states of the packed row's group, made by {@code create} if the group is new. */
  State[] statesFor(GroupKey.Packer packer, Supplier<State[]> create) {
    int mask = keys.length - 1;
    for (int i = spread(packer.hash()) & mask; ; i = (i + 1) & mask) {
      GroupKey key = keys[i];
      if (key == null) {
        State[] fresh = create.get();
        keys[i] = packer.key();
        states[i] = fresh;
        if (++size * 2 > keys.length) {
          grow();
        }
        return fresh;
      }
      if (packer.matches(key)) {
        return states[i];
      }
    }
  }

  int size() {
    return size;
  }

  void forEach(BiConsumer<GroupKey, State[]> action) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        action.accept(keys[i], states[i]);
      }
    }
  }

  private void grow() {
    GroupKey[] oldKeys = keys;
    State[][] oldStates = states;
    keys = new GroupKey[oldKeys.length * 2];
    states = new State[oldKeys.length * 2][];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != null) {
        int i = spread(oldKeys[j].hashCode()) & mask;
        while (keys[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        states[i] = oldStates[j];
      }
    }
  }

  /** Mixes the high bits of a polynomial hash into the low ones the table indexes by. */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}

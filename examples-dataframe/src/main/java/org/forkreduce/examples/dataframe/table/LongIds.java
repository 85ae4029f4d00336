package org.forkreduce.examples.dataframe.table;

import java.util.Arrays;

/** Numbers distinct long values in the order they are first seen; open addressing. */
final class LongIds {
  private long[] keys = new long[1024];
  private int[] ids = new int[1024]; // id + 1; 0 marks a free slot
  private long[] byId = new long[256];
  private int count;

  int id(long key) {
    int mask = keys.length - 1;
    for (int i = home(key, mask); ; i = (i + 1) & mask) {
      if (ids[i] == 0) {
        return add(i, key);
      }
      if (keys[i] == key) {
        return ids[i] - 1;
      }
    }
  }

  private int add(int slot, long key) {
    keys[slot] = key;
    ids[slot] = count + 1;
    if (count == byId.length) {
      byId = Arrays.copyOf(byId, count * 2);
    }
    byId[count] = key;
    if (++count * 2 > keys.length) {
      rehash();
    }
    return count - 1;
  }

  private void rehash() {
    keys = new long[keys.length * 2];
    ids = new int[keys.length];
    int n = count;
    count = 0;
    for (int id = 0; id < n; id++) {
      long key = byId[id];
      int mask = keys.length - 1;
      int i = home(key, mask);
      while (ids[i] != 0) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      ids[i] = ++count;
    }
  }

  private static int home(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  long[] keys() {
    return Arrays.copyOf(byId, count);
  }
}

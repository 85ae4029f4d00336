package org.forkreduce.internal.input;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CSV header: the column names and, for each name, its first index. Built once per split. */
final class Header {
  final List<String> names;
  private final Map<String, Integer> index;

  Header(String[] names) {
    this.names = List.of(names);
    this.index = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      index.putIfAbsent(names[i], i);
    }
  }

  /** The first name that occurs twice in {@code names}, or null if they are distinct. */
  static String repeated(String[] names) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        return name;
      }
    }
    return null;
  }

  int indexOf(String name) {
    return index.getOrDefault(name, -1);
  }
}

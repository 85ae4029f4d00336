package org.forkreduce.pool;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.forkreduce.internal.serde.Serde;

/**
 * Gives each distinct function (by its serialized bytes) an id, so that a worker receives a
 * function once and each request names it by id. Serializing here, in the submitting thread, is
 * also the check that refuses a function Kryo cannot ship.
 */
final class FunctionRegistry {
  private static final int MAX_ENTRIES = 4096;

  record Registered(int id, byte[] bytes) {}

  private final Map<ByteBuffer, Integer> ids = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Integer> eldest) {
      return size() > MAX_ENTRIES;
    }
  };
  /** The same function object submitted again skips serialization (and its check). */
  private final Map<Object, Registered> byInstance = new WeakHashMap<>();
  private int next;

  synchronized Registered register(Object function) {
    Registered known = byInstance.get(function);
    if (known != null) {
      return known;
    }
    byte[] bytes = Serde.checkedBytes(function, "function");
    Integer id = ids.computeIfAbsent(ByteBuffer.wrap(bytes), b -> next++);
    Registered registered = new Registered(id, bytes);
    byInstance.put(function, registered);
    return registered;
  }
}

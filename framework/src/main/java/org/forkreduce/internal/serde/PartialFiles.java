package org.forkreduce.internal.serde;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.forkreduce.Failure;

/**
 * Partial results as files: a count, then key and value pairs, Kryo-encoded. A partial is
 * hash-partitioned into segments by {@link #segmentOf}, so that each segment can be merged on its
 * own. Keys must have a {@code hashCode} that is the same in every JVM (strings, numbers, records
 * of them) — not identity hashes.
 */
public final class PartialFiles {
  private static final int BUFFER = 1 << 16;

  private PartialFiles() {}

  /**
   * A Kryo for one partial file. Kryo writes an unregistered class (a user's key or value type)
   * by name, and by default forgets it after every top-level object, so a million entries would
   * carry a million class names. Without auto-reset a name is written once per file; without
   * reference tracking nothing else is remembered across entries. Values must therefore be
   * trees (no cycles), as reduce values are.
   */
  private static Kryo fileKryo() {
    Kryo kryo = Serde.newKryo();
    kryo.setReferences(false);
    kryo.setAutoReset(false);
    return kryo;
  }

  /** The segment of {@code key} among {@code segments}. */
  public static int segmentOf(Object key, int segments) {
    int h = key.hashCode();
    h ^= h >>> 16;
    return Math.floorMod(h * 0x9E3779B9, segments);
  }

  /** Writes {@code map} as {@code segments.size()} segment files; returns the keys per segment. */
  public static long[] write(Map<?, ?> map, List<Path> segments) throws IOException {
    int n = segments.size();
    List<List<Map.Entry<?, ?>>> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(new ArrayList<>());
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      parts.get(n == 1 ? 0 : segmentOf(e.getKey(), n)).add(e);
    }
    long[] counts = new long[n];
    for (int i = 0; i < n; i++) {
      Kryo kryo = fileKryo();
      try (OutputStream file = Files.newOutputStream(segments.get(i));
          Output out = new Output(file, BUFFER)) {
        out.writeLong(parts.get(i).size());
        for (Map.Entry<?, ?> e : parts.get(i)) {
          kryo.writeClassAndObject(out, e.getKey());
          kryo.writeClassAndObject(out, e.getValue());
        }
      } catch (IOException | KryoException e) {
        throw Failure.naming(segments.get(i), e instanceof IOException io ? io
            : new IOException(e.getMessage(), e));
      }
      counts[i] = parts.get(i).size();
    }
    return counts;
  }

  /** How many keys a partial file holds, from its header. */
  public static long count(Path file) throws IOException {
    try (Input in = new Input(Files.newInputStream(file), Long.BYTES)) {
      return in.readLong();
    }
  }

  /**
   * Reads a partial file into {@code into}, combining values of keys already there with
   * {@code merge} (the job's reducer).
   */
  @SuppressWarnings("unchecked")
  public static <K, V> void readInto(Path file, Map<K, V> into,
      BiFunction<? super V, ? super V, ? extends V> merge) throws IOException {
    Kryo kryo = fileKryo();
    try (Input in = new Input(Files.newInputStream(file), BUFFER)) {
      long count = in.readLong();
      for (long i = 0; i < count; i++) {
        K key = (K) kryo.readClassAndObject(in);
        V value = (V) kryo.readClassAndObject(in);
        into.merge(key, value, merge);
      }
    }
  }
}

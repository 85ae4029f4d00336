package org.forkreduce.spi;

import com.esotericsoftware.kryo.kryo5.Kryo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.forkreduce.internal.serde.PartialFiles;
import org.forkreduce.internal.serde.Serde;

/**
 * User objects as the bytes that travel to workers: Kryo 5 set up the one way the framework
 * uses it (unregistered classes, serializable lambdas, no no-arg constructor needed). For engines
 * that ship jobs, keys and values themselves, and for tests of custom serializers; and partial
 * results as the files in which workers hand them to the tree reduction.
 */
public final class Payloads {
  private Payloads() {}

  /**
   * A Kryo set up as the framework's own: for tests that drive a custom {@code Serializer}
   * directly. Kryo is not thread-safe: one per thread, owned by the caller.
   */
  public static Kryo newKryo() {
    return Serde.newKryo();
  }

  /** Serializes {@code value}, with its class. */
  public static byte[] toBytes(Object value) {
    return Serde.toBytes(value);
  }

  /** Reads a value written by {@link #toBytes}. */
  public static <T> T fromBytes(byte[] bytes) {
    return Serde.fromBytes(bytes);
  }

  /** A deep copy by a round trip: exactly what a worker would get. */
  public static <T> T copy(T value) {
    return Serde.copy(value);
  }

  /**
   * Serializes {@code value} after proving it survives a round trip.
   *
   * @param role what the value is, for the message ("mapper", "input")
   * @throws org.forkreduce.NotShippableException naming the class and the field that failed
   */
  public static byte[] checkedBytes(Object value, String role) {
    return Serde.checkedBytes(value, role);
  }

  /**
   * Writes {@code map} as one partial file. Its Kryo keeps no references between entries, so
   * values must be trees (no cycles), as reduce values are.
   */
  public static void writePartial(Map<?, ?> map, Path file) throws IOException {
    PartialFiles.write(map, List.of(file));
  }

  /** Reads a partial file into {@code into}, merging values of keys already there. */
  public static <K, V> void readPartial(Path file, Map<K, V> into,
      BiFunction<? super V, ? super V, ? extends V> merge) throws IOException {
    PartialFiles.readInto(file, into, merge);
  }
}

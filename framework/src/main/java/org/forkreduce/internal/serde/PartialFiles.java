package org.forkreduce.internal.serde;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.forkreduce.Failure;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Partial results as files: a count, then key and value pairs, Kryo-encoded, then a trailer of
 * the CRC-32C of all bytes before it and a magic number. A reader checks the trailer and that the
 * file ends there, so a partial that was truncated, extended or altered after it was written fails
 * with an {@link IOException} naming the file instead of yielding wrong pairs. A partial is
 * hash-partitioned into segments by {@link #segmentOf}, so that each segment can be merged on its
 * own. Keys must have a {@code hashCode} that is the same in every JVM (strings, numbers, records
 * of them) — not identity hashes.
 */
public final class PartialFiles {
  private static final int BUFFER = 1 << 16;
  private static final int MAGIC = 0x46524531;
  private static final int TRAILER = 2 * Integer.BYTES;

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
      try {
        write(parts.get(i), segments.get(i));
      } catch (IOException | KryoException e) {
        // Kryo's Output wraps the stream's IOException (a full disk) in a KryoException
        Throwable why = e instanceof KryoException && e.getCause() != null ? e.getCause() : e;
        IOException io = why instanceof IOException x ? x : new IOException(why.getMessage(), e);
        IOException named = Failure.naming(segments.get(i), io); // a full disk, with its space
        throw named != io ? named : new IOException("cannot write the partial file "
            + segments.get(i) + ": " + why.getMessage(), e);
      }
      counts[i] = parts.get(i).size();
    }
    return counts;
  }

  private static void write(List<Map.Entry<?, ?>> entries, Path segment) throws IOException {
    Kryo kryo = fileKryo();
    CRC32C crc = new CRC32C();
    try (OutputStream file = new CheckedOutputStream(Files.newOutputStream(segment), crc);
        Output out = new Output(file, BUFFER)) {
      out.writeLong(entries.size());
      for (Map.Entry<?, ?> e : entries) {
        kryo.writeClassAndObject(out, e.getKey());
        kryo.writeClassAndObject(out, e.getValue());
      }
      out.flush();
      out.writeBytes(ByteBuffer.allocate(TRAILER).putInt((int) crc.getValue()).putInt(MAGIC)
          .array());
    }
  }

  /**
   * How many keys a partial file holds, from its header, which is only checked to be possible for
   * the file's size (the entries are checked when the file is read).
   */
  public static long count(Path file) throws IOException {
    long size = Files.size(file);
    try (Input in = new Input(Files.newInputStream(file), Long.BYTES)) {
      return checkedCount(file, in.readLong(), size);
    } catch (KryoException e) {
      throw corrupt(file, e.getMessage());
    }
  }

  private static long checkedCount(Path file, long count, long size) throws IOException {
    if (count < 0 || count > size) {
      throw corrupt(file, "header says " + count + " keys in " + size + " bytes");
    }
    return count;
  }

  private static IOException corrupt(Path file, String what) {
    return new IOException("partial file " + file + " is corrupt (" + what + "); it was changed"
        + " after a worker wrote it: rerun the job, and keep other programs out of its"
        + " temporary directory");
  }

  /**
   * Reads a partial file into {@code into}, combining values of keys already there with
   * {@code merge} (the job's reducer).
   */
  @SuppressWarnings("unchecked")
  public static <K, V> void readInto(Path file, Map<K, V> into,
      BiFunction<? super V, ? super V, ? extends V> merge) throws IOException {
    verify(file);
    Kryo kryo = fileKryo();
    try (Input in = new Input(Files.newInputStream(file), BUFFER)) {
      long count = in.readLong();
      for (long i = 0; i < count; i++) {
        K key = (K) kryo.readClassAndObject(in);
        V value = (V) kryo.readClassAndObject(in);
        into.merge(key, value, merge);
      }
    } catch (KryoException e) {
      throw corrupt(file, e.toString());
    }
  }

  /**
   * The entries of a partial file, decoded one at a time as the stream is read, after the file's
   * checksum was checked. Close the stream. STUB: to be written.
   */
  public static <K, V> java.util.stream.Stream<Map.Entry<K, V>> entries(Path file)
      throws IOException {
    throw new UnsupportedOperationException("stub");
  }

  /**
   * Checks the trailer against the file's bytes before any is decoded: a corrupt length inside
   * would otherwise make the decoder allocate at random.
   */
  private static void verify(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      long body = Files.size(file) - TRAILER;
      for (long left = body; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        crc.update(buffer, 0, n);
        left -= n;
      }
      ByteBuffer trailer = ByteBuffer.wrap(in.readNBytes(TRAILER + 1));
      if (body < Long.BYTES || trailer.remaining() != TRAILER
          || trailer.getInt() != (int) crc.getValue() || trailer.getInt() != MAGIC) {
        throw corrupt(file, "its checksum does not match its " + (body + TRAILER) + " bytes");
      }
    }
  }
}

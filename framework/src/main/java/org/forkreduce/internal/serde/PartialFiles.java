package org.forkreduce.internal.serde;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.forkreduce.Failure;

/**
 * Partial results as files: key and value pairs, Kryo-encoded, then a trailer of the count of
 * pairs (8 bytes), the CRC-32C of all bytes before the CRC (the pairs and the count) and a magic
 * number (4 bytes each, big-endian). A reader checks the trailer and that the file ends there, so
 * a partial that was truncated, extended or altered after it was written fails with an {@link
 * IOException} naming the file instead of yielding wrong pairs. The count is at the end so that a
 * {@link Writer} can append pairs one at a time. A partial is hash-partitioned into segments by
 * {@link #segmentOf}, so that each segment can be merged on its own. Keys must have a {@code
 * hashCode} that is the same in every JVM (strings, numbers, records of them) — not identity
 * hashes.
 */
public final class PartialFiles {
  private static final int BUFFER = 1 << 16;
  private static final int MAGIC = 0x46524532;
  private static final int TRAILER = Long.BYTES + 2 * Integer.BYTES;

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
      try (Writer out = new Writer(segments.get(i), BUFFER)) {
        for (Map.Entry<?, ?> e : parts.get(i)) {
          out.append(e.getKey(), e.getValue());
        }
        out.finish();
      }
      counts[i] = parts.get(i).size();
    }
    return counts;
  }

  /**
   * Writes one partial file pair by pair. {@link #finish} writes the trailer and closes the file;
   * {@link #close} without it removes the file, so that a writer stopped by an error never
   * leaves a file that reads as complete. Errors, a full disk among them, are {@link
   * IOException}s naming the file (and the space left, for a full disk).
   */
  public static final class Writer implements Closeable {
    private final Path file;
    private final Kryo kryo = fileKryo();
    private final CRC32C crc = new CRC32C();
    private final Output out;
    private long count;
    private boolean finished;

    /** Creates (or truncates) {@code file}, buffering {@code bufferBytes} before each write. */
    public Writer(Path file, int bufferBytes) throws IOException {
      this.file = file;
      try {
        out = new Output(new CheckedOutputStream(Files.newOutputStream(file), crc), bufferBytes);
      } catch (IOException e) {
        throw failed(e);
      }
    }

    /** Appends one pair. */
    public void append(Object key, Object value) throws IOException {
      try {
        kryo.writeClassAndObject(out, key);
        kryo.writeClassAndObject(out, value);
      } catch (KryoException e) {
        throw failed(e);
      }
      count++;
    }

    /** The pairs appended so far. */
    public long count() {
      return count;
    }

    /** Writes the trailer and closes the file: from now on it reads as complete. */
    public void finish() throws IOException {
      try {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(count).array());
        out.flush();
        out.writeBytes(ByteBuffer.allocate(2 * Integer.BYTES).putInt((int) crc.getValue())
            .putInt(MAGIC).array());
        out.close();
      } catch (KryoException e) {
        throw failed(e);
      }
      finished = true;
    }

    /** Closes the file, and removes it unless {@link #finish} was called. */
    @Override
    public void close() throws IOException {
      if (!finished) {
        try {
          out.close();
        } catch (KryoException e) {
          // the error that stopped the writer is the one to report
        }
        Files.deleteIfExists(file);
      }
    }

    /**
     * Kryo's Output wraps the stream's IOException (a full disk) in a KryoException; this names
     * the file, and for a full disk the space left.
     */
    private IOException failed(Exception e) {
      Throwable why = e instanceof KryoException && e.getCause() != null ? e.getCause() : e;
      IOException io = why instanceof IOException x ? x : new IOException(why.getMessage(), e);
      IOException named = Failure.naming(file, io);
      return named != io ? named : new IOException("cannot write the partial file " + file + ": "
          + why.getMessage(), e);
    }
  }

  /**
   * How many keys a partial file holds, from its trailer, which is only checked to be possible
   * for the file's size (the entries are checked when the file is read).
   */
  public static long count(Path file) throws IOException {
    long size = Files.size(file);
    if (size < TRAILER) {
      throw corrupt(file, "it has " + size + " bytes, fewer than its trailer's " + TRAILER);
    }
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      ByteBuffer trailer = ByteBuffer.allocate(Long.BYTES);
      channel.position(size - TRAILER);
      while (trailer.hasRemaining() && channel.read(trailer) >= 0) {
        // read the whole count
      }
      return checkedCount(file, trailer.flip().getLong(), size);
    }
  }

  private static long checkedCount(Path file, long count, long size) throws IOException {
    if (count < 0 || count > size) {
      throw corrupt(file, "trailer says " + count + " keys in " + size + " bytes");
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
    long count = verify(file);
    Kryo kryo = fileKryo();
    try (Input in = new Input(Files.newInputStream(file), BUFFER)) {
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
   * The entries of a partial file, as {@link AbstractMap.SimpleImmutableEntry}s decoded one at a
   * time as the stream is read, after the file's checksum was checked (a file that fails the
   * check throws here, before any entry is decoded). Closing the stream closes the file; an entry
   * that cannot be decoded is an {@link UncheckedIOException} naming the file.
   */
  public static <K, V> Stream<Map.Entry<K, V>> entries(Path file) throws IOException {
    long count = verify(file);
    Input in = new Input(Files.newInputStream(file), BUFFER);
    Kryo kryo = fileKryo();
    Spliterator<Map.Entry<K, V>> decoded = new Spliterators.AbstractSpliterator<>(count,
        Spliterator.ORDERED | Spliterator.SIZED | Spliterator.NONNULL) {
      private long left = count;

      @Override
      @SuppressWarnings("unchecked")
      public boolean tryAdvance(Consumer<? super Map.Entry<K, V>> action) {
        if (left == 0) {
          return false;
        }
        left--;
        try {
          K key = (K) kryo.readClassAndObject(in);
          V value = (V) kryo.readClassAndObject(in);
          action.accept(new AbstractMap.SimpleImmutableEntry<>(key, value));
        } catch (KryoException e) {
          throw new UncheckedIOException(corrupt(file, e.toString()));
        }
        return true;
      }
    };
    return StreamSupport.stream(decoded, false).onClose(in::close);
  }

  /**
   * Checks the trailer against the file's bytes before any is decoded (a corrupt length inside
   * would otherwise make the decoder allocate at random); returns the count of pairs.
   */
  private static long verify(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      for (long left = size - TRAILER; left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        crc.update(buffer, 0, n);
        left -= n;
      }
      byte[] tail = in.readNBytes(TRAILER + 1);
      crc.update(tail, 0, Math.min(tail.length, Long.BYTES));
      ByteBuffer trailer = ByteBuffer.wrap(tail);
      if (size < TRAILER || tail.length != TRAILER) {
        throw corrupt(file, "its " + size + " bytes do not end in a whole trailer");
      }
      long count = trailer.getLong();
      if (trailer.getInt() != (int) crc.getValue() || trailer.getInt() != MAGIC) {
        throw corrupt(file, "its checksum does not match its " + size + " bytes");
      }
      return checkedCount(file, count, size);
    }
  }
}

package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.forkreduce.CsvRow;

/**
 * The values of the group columns of one row, as read (an empty string is the NA group; never
 * null), packed into one byte array: each value's UTF-8 length (one byte, or 0xFF and four more
 * bytes) and then its bytes. A key is one object and one array, so a lookup among millions of
 * keys chases two pointers instead of one per value, and a key costs no string objects. Its hash
 * is of the bytes, so it is the same in every worker JVM.
 */
@DefaultSerializer(GroupKey.Serde.class)
public final class GroupKey {
  private static final int LONG_VALUE = 0xFF;

  private final byte[] packed;
  private final int size;
  private final int hash;

  GroupKey(String[] values) {
    this(pack(values), values.length);
  }

  private GroupKey(byte[] packed, int size) {
    this(packed, size, Arrays.hashCode(packed));
  }

  private GroupKey(byte[] packed, int size, int hash) {
    this.packed = packed;
    this.size = size;
    this.hash = hash;
  }

  private static byte[] pack(String[] values) {
    byte[][] utf8 = new byte[values.length][];
    int total = 0;
    for (int i = 0; i < values.length; i++) {
      utf8[i] = values[i].getBytes(UTF_8);
      total += utf8[i].length + header(utf8[i].length);
    }
    byte[] packed = new byte[total];
    int p = 0;
    for (byte[] v : utf8) {
      p = writeLength(packed, p, v.length);
      System.arraycopy(v, 0, packed, p, v.length);
      p += v.length;
    }
    return packed;
  }

  /** The bytes that precede a value of {@code length} bytes. */
  private static int header(int length) {
    return length < LONG_VALUE ? 1 : 5;
  }

  /** Writes a value's length at {@code p}; returns where its bytes go. */
  private static int writeLength(byte[] packed, int p, int length) {
    if (length < LONG_VALUE) {
      packed[p++] = (byte) length;
    } else {
      packed[p++] = (byte) LONG_VALUE;
      for (int shift = 24; shift >= 0; shift -= 8) {
        packed[p++] = (byte) (length >>> shift);
      }
    }
    return p;
  }

  /**
   * Packs the group columns of a batch of rows, one row after another, into one reused buffer,
   * and hashes each row's bytes as a key of those bytes would be: rows are matched against the
   * keys there are without making one, and a key is made only for a new group.
   */
  static final class Packer {
    private final int[] columns;
    private byte[] bytes = new byte[1024];
    /** Row r's bytes are {@code bytes[starts[r] .. starts[r + 1])}. */
    private int[] starts = new int[17];
    private int[] hashes = new int[16];
    private int rows;

    /** @param columns the indexes of the group columns in each row */
    Packer(int[] columns) {
      this.columns = columns.clone();
    }

    /** Appends the row's key to the batch; returns its index there. */
    int pack(CsvRow row) {
      if (rows == hashes.length) {
        hashes = Arrays.copyOf(hashes, rows * 2);
        starts = Arrays.copyOf(starts, rows * 2 + 1);
      }
      int start = starts[rows];
      int p = start;
      for (int column : columns) {
        int n = row.utf8Length(column);
        if (p + n + 5 > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, p + n + 5));
        }
        p = writeLength(bytes, p, n);
        row.copyUtf8(column, bytes, p);
        p += n;
      }
      int h = 1;
      for (int i = start; i < p; i++) {
        h = 31 * h + bytes[i]; // as Arrays.hashCode, so that equal keys hash alike
      }
      hashes[rows] = h;
      starts[++rows] = p;
      return rows - 1;
    }

    /** How many rows the batch holds. */
    int rows() {
      return rows;
    }

    /** Empties the batch. */
    void clear() {
      rows = 0;
    }

    int hash(int row) {
      return hashes[row];
    }

    /** Whether packed row {@code row} equals a key's {@code packed} bytes. */
    boolean matches(int row, byte[] packed) {
      return Arrays.equals(packed, 0, packed.length, bytes, starts[row], starts[row + 1]);
    }

    /** A copy of packed row {@code row}, to keep as a key's bytes. */
    byte[] copy(int row) {
      return Arrays.copyOfRange(bytes, starts[row], starts[row + 1]);
    }

    /** The key of a packed row's bytes, as {@link #copy} made them, and their {@link #hash}. */
    GroupKey key(byte[] packed, int hash) {
      return new GroupKey(packed, columns.length, hash);
    }
  }

  /**
   * Decodes every group value into {@code cells[0..size)}, typed: NA (empty) as null, LONG as a
   * Long, DOUBLE as a Double, text through {@code strings}.
   *
   * @throws NumberFormatException if a value does not parse as its column's type
   */
  void decode(Object[] cells, ColumnType[] types, StringCache strings) {
    int p = 0;
    for (int k = 0; k < size; k++) {
      int length = packed[p++] & 0xFF;
      if (length == LONG_VALUE) {
        length = 0;
        for (int j = 0; j < 4; j++) {
          length = (length << 8) | (packed[p++] & 0xFF);
        }
      }
      cells[k] = length == 0 ? null : switch (types[k]) {
        case LONG -> parseLong(packed, p, length);
        case DOUBLE -> Double.parseDouble(new String(packed, p, length, UTF_8));
        case STRING -> strings.intern(packed, p, length);
      };
      p += length;
    }
  }

  /** {@code Long.parseLong} of the bytes, without a String for plain digits. */
  private static long parseLong(byte[] b, int from, int length) {
    boolean negative = b[from] == '-';
    int i = negative ? from + 1 : from;
    int end = from + length;
    if (end - i == 0 || end - i > 18) {
      return Long.parseLong(new String(b, from, length, UTF_8));
    }
    long v = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return Long.parseLong(new String(b, from, length, UTF_8));
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** The value of group column {@code i}, decoded anew on every call. */
  String get(int i) {
    int p = 0;
    for (int k = 0; ; k++) {
      int length = packed[p++] & 0xFF;
      if (length == LONG_VALUE) {
        length = 0;
        for (int j = 0; j < 4; j++) {
          length = (length << 8) | (packed[p++] & 0xFF);
        }
      }
      if (k == i) {
        return new String(packed, p, length, UTF_8);
      }
      p += length;
    }
  }

  int size() {
    return size;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey k && hash == k.hash && Arrays.equals(packed, k.packed);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    List<String> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(get(i));
    }
    return values.toString();
  }

  /** Writes the packed bytes as they are. Public only because Kryo instantiates it. */
  public static final class Serde extends Serializer<GroupKey> {
    public Serde() {}

    @Override
    public void write(Kryo kryo, Output output, GroupKey key) {
      output.writeVarInt(key.size, true);
      output.writeVarInt(key.packed.length, true);
      output.writeBytes(key.packed);
      output.writeInt(key.hash); // hashing the bytes again took a quarter of reading a key
    }

    @Override
    public GroupKey read(Kryo kryo, Input input, Class<? extends GroupKey> type) {
      int size = input.readVarInt(true);
      byte[] packed = input.readBytes(input.readVarInt(true));
      return new GroupKey(packed, size, input.readInt());
    }
  }
}

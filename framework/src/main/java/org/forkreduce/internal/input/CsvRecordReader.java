package org.forkreduce.internal.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forkreduce.BadRecordPolicy;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.InputException;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.Split.Unproven;

/**
 * Reads the records of one CSV split. A split planned with the column names ({@code String[]})
 * starts at a record boundary of a file proven strict RFC 4180 and is parsed from its bytes
 * ({@link Utf8CsvSource}); a split of a whole file (gzip, not strict, or too small to cut) is
 * parsed with Commons CSV, and reads the header as its first record, unless the file has none
 * and the split's meta is {@link Named}. A record whose field count differs from the header's, or that does not
 * parse, is a bad record: it fails the job or is skipped into the rejects file, by the options.
 */
final class CsvRecordReader implements RecordReader<CsvRow> {
  private static final int BUFFER = 1 << 16;

  /** The meta of a whole header-less file's split: the names of its columns. */
  record Named(String[] names) implements java.io.Serializable {}

  private final Split split;
  private final CsvOptions options;
  private final long base;
  private final CsvRecordSource source;
  private Header header;
  /** Whether the source holds a record not yet handed out (read ahead to find a record's end). */
  private boolean pending;
  private boolean started;
  private CsvRow current;
  private long badRecords;
  private Writer rejects;

  CsvRecordReader(Split split, CsvOptions options, InputStream in) throws IOException {
    this.split = split;
    this.options = options;
    Object meta = split.meta() instanceof Unproven u ? u.meta() : split.meta();
    if (meta instanceof String[] names
        && Utf8CsvSource.handles(options.delimiter(), options.quote())) {
      // a split that carries the header was cut at a record start of a file proven strict, or
      // at a line start of a file that is if no split has a quote
      this.base = split.start();
      this.source = new Utf8CsvSource(in, base, options.delimiter(), options.quote(), 1 << 20,
          !split.speculative());
      this.header = new Header(names);
      return;
    }
    InputStream bytes = new BufferedInputStream(in, BUFFER);
    boolean bom = (split.start() == 0 || split.compressed()) && skipBom(bytes);
    this.base = (split.compressed() ? 0 : split.start()) + (bom ? 3 : 0);
    this.source = CsvRecordSource.commons(decode(bytes), options.format(), this::byteOffset);
    if (meta instanceof String[] names) {
      header = new Header(names);
    } else if (meta instanceof Named named) {
      header = new Header(named.names());
    } else if (source.next()) {
      header = new Header(source.row(null).toList().toArray(String[]::new));
    }
  }

  static Reader decode(InputStream bytes) {
    return new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /** Skips a UTF-8 byte order mark at the stream's start, if there is one; true if it did. */
  static boolean skipBom(InputStream in) throws IOException {
    in.mark(3);
    boolean bom = hasBom(in.readNBytes(3));
    if (!bom) {
      in.reset();
    }
    return bom;
  }

  /** Whether {@code b} starts with a UTF-8 byte order mark. */
  static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB
        && (b[2] & 0xFF) == 0xBF;
  }

  /** Moves the source to the next record, unless one is pending; false at the end. */
  private boolean advance() throws IOException {
    if (pending) {
      pending = false;
      return true;
    }
    return source.next();
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      try {
        if (!advance()) {
          return false;
        }
      } catch (CsvRecordSource.CsvSyntaxException e) {
        malformed(e);
        return false;
      }
      started = true;
      CsvRow row = source.row(header);
      if (row.size() == header.names.size()) {
        current = row;
        return true;
      }
      int fields = row.size();
      long from = source.offset();
      long end;
      try {
        pending = source.next();
        end = pending ? source.offset() : split.end();
      } catch (CsvRecordSource.CsvSyntaxException e) {
        end = split.end();
      }
      bad(from, end, "expected " + header.names.size() + " fields as in the columns "
          + header.names + ", got " + fields);
    }
  }

  private void malformed(RuntimeException e) throws IOException {
    long from = started ? source.offset() : split.start();
    bad(from, split.end(), "it does not parse as CSV (" + e.getMessage() + ")");
  }

  private void bad(long from, long to, String why) throws IOException {
    String raw = raw(from, to);
    if (options.badRecordPolicy() == BadRecordPolicy.FAIL) {
      throw new InputException("Bad CSV record in " + split.path() + " at line "
          + InputFiles.lineNumberAt(split, from) + " (byte offset " + from + "): " + why
          + ". The record: \"" + raw + "\". Fix the file, or skip bad records"
          + " (--on-bad-record skip) to count them and write them to a rejects file.");
    }
    badRecords++;
    if (rejects == null) {
      Path file = options.rejectsDir().resolve(Path.of(split.path()).getFileName() + "-"
          + split.start() + ".rejects");
      rejects = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
    rejects.write(raw);
    rejects.write('\n');
  }

  /** The record's bytes as in the file, its line break dropped; capped at 64 KiB. */
  private String raw(long from, long to) throws IOException {
    int length = (int) Math.min(to - from, 1 << 16);
    try (InputStream in = InputFiles.open(split, split.compressed() ? 0 : from)) {
      if (split.compressed()) {
        in.skipNBytes(from);
      }
      String s = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      return s.endsWith("\r\n") ? s.substring(0, s.length() - 2)
          : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
  }

  @Override
  public CsvRow current() {
    return current;
  }

  @Override
  public long recordOffset() {
    try {
      return started ? source.offset() : split.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The file offset of the character at {@code chars} (UTF-16 units after {@link #base}) of the
   * text Commons CSV read. Commons CSV counts characters cheaply but bytes only at a cost on every
   * character, so this decodes the split's bytes up to it: done only for error messages.
   */
  private long byteOffset(long chars) throws IOException {
    try (InputStream in = new BufferedInputStream(InputFiles.openRange(split), BUFFER)) {
      in.skipNBytes(base - (split.compressed() ? 0 : split.start()));
      long bytes = 0;
      for (long c = 0; c < chars; ) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        in.skipNBytes(length - 1);
        bytes += length;
        c += length == 4 ? 2 : 1;
      }
      return base + bytes;
    }
  }

  /** The split's bytes (a header read by the planner belongs to no split). */
  @Override
  public long bytesConsumed() {
    return split.length();
  }

  @Override
  public long badRecords() {
    return badRecords;
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      if (rejects != null) {
        rejects.close();
      }
    }
  }

  @Override
  public String toString() {
    return "CSV reader of " + split + " " + (header == null ? "[]" : header.names);
  }
}

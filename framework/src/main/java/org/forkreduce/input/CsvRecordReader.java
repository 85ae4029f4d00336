package org.forkreduce.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.forkreduce.BadRecordPolicy;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.InputException;

/**
 * Reads the records of one CSV split. A split planned with a header starts at a record boundary
 * of a file proven strict RFC 4180 and is parsed with FastCSV; a split of a whole file (gzip, not
 * strict, or too small to cut) reads the header as its first record, with Commons CSV. A record
 * whose field count differs from the header's, or that does not parse, is a bad record: it fails
 * the job or is skipped into the rejects file, by the options.
 */
final class CsvRecordReader implements RecordReader<CsvRow> {
  private final Split split;
  private final CsvOptions options;
  private final long base;
  private final CsvRecordSource source;
  private List<String> columns;
  private Map<String, Integer> index;
  private String[] lookahead;
  private CsvRow current;
  private boolean started;
  private long badRecords;
  private Writer rejects;

  CsvRecordReader(Split split, CsvOptions options, InputStream in) throws IOException {
    this.split = split;
    this.options = options;
    InputStream bytes = new BufferedInputStream(in, 1 << 16);
    boolean bom = (split.start() == 0 || split.compressed()) && skipBom(bytes);
    this.base = (split.compressed() ? 0 : split.start()) + (bom ? 3 : 0);
    // a split that carries the header was cut from a file proven strict RFC 4180
    boolean strict = split.meta() instanceof String[] && options.quote() != null;
    this.source = strict
        ? CsvRecordSource.fast(decode(bytes), options.delimiter(), options.quote(), this::reread)
        : CsvRecordSource.commons(decode(bytes), options.format());
    if (split.meta() instanceof String[] header) {
      setHeader(header);
    } else if (nextRecord() != null) {
      setHeader(lookahead);
      lookahead = null;
    }
  }

  private static Reader decode(InputStream bytes) {
    return new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  /** The split's text again from {@link #base}, parsed by Commons CSV. */
  private CsvRecordSource reread() {
    try {
      InputStream in = new BufferedInputStream(InputFiles.openRange(split), 1 << 16);
      in.skipNBytes(base - (split.compressed() ? 0 : split.start()));
      return CsvRecordSource.commons(decode(in), options.format());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean skipBom(InputStream in) throws IOException {
    in.mark(3);
    byte[] b = in.readNBytes(3);
    boolean bom = b.length == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB
        && (b[2] & 0xFF) == 0xBF;
    if (!bom) {
      in.reset();
    }
    return bom;
  }

  private void setHeader(String[] header) {
    columns = List.of(header);
    index = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      index.putIfAbsent(header[i], i);
    }
  }

  /** Fills {@link #lookahead} with the next parsed record, or null at the end. */
  private String[] nextRecord() {
    if (lookahead == null) {
      lookahead = source.next();
    }
    return lookahead;
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      String[] rec;
      try {
        rec = nextRecord();
      } catch (CsvRecordSource.CsvSyntaxException e) {
        malformed(e);
        return false;
      }
      if (rec == null) {
        return false;
      }
      lookahead = null;
      started = true;
      if (rec.length == columns.size()) {
        current = new CsvRow(columns, index, rec);
        return true;
      }
      long from = byteOffset(recordChars());
      long end;
      try {
        end = nextRecord() == null ? split.end() : byteOffset(source.position());
      } catch (CsvRecordSource.CsvSyntaxException e) {
        end = split.end();
      }
      bad(from, end, "expected " + columns.size() + " fields as in the header " + columns
          + ", got " + rec.length);
    }
  }

  /**
   * The character position of the current record (the source's last), -1 before the first; asked
   * of the source only when needed, as FastCSV's costs a reread of the split.
   */
  private long recordChars() throws IOException {
    return started ? source.position() : -1;
  }

  private void malformed(RuntimeException e) throws IOException {
    long from = recordChars() < 0 ? split.start() : byteOffset(recordChars());
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

  /**
   * The current record's byte offset. Commons CSV counts characters cheaply but bytes only at a
   * cost on every character, so the reader keeps character positions and converts one here, by
   * decoding the split's bytes up to it: done only for error messages.
   */
  @Override
  public long recordOffset() {
    try {
      return recordChars() < 0 ? split.start() : byteOffset(recordChars());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file offset of the character at {@code chars} (UTF-16 units after {@code base}). */
  private long byteOffset(long chars) throws IOException {
    try (InputStream in = new BufferedInputStream(InputFiles.openRange(split), 1 << 16)) {
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
    return "CSV reader of " + split + " " + Arrays.toString(columns.toArray());
  }
}

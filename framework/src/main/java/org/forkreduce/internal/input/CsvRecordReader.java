package org.forkreduce.internal.input;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
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
  /** The most characters of a bad record an error message quotes. */
  private static final int EXCERPT = 200;

  /** The meta of a whole header-less file's split: the names of its columns. */
  record Named(String[] names) implements java.io.Serializable {}

  private final Split split;
  private final CsvOptions options;
  /** Whether the split is parsed from its bytes ({@link Utf8CsvSource}), else by Commons CSV. */
  private final boolean fast;
  /** The file offset where {@link #source} starts: the split's start, a BOM, or a resync. */
  private long base;
  private CsvRecordSource source;
  private Header header;
  /** Whether the source holds a record not yet handed out (read ahead to find a record's end). */
  private boolean pending;
  /** Whether {@link #source} has read a record (the header included). */
  private boolean started;
  private CsvRow current;
  /** The start of the bad record being reported, or -1: the position named on failure. */
  private long badAt = -1;
  private long badRecords;
  private long badLines;
  private OutputStream rejects;

  CsvRecordReader(Split split, CsvOptions options, InputStream in) throws IOException {
    this.split = split;
    this.options = options;
    Object meta = split.meta() instanceof Unproven u ? u.meta() : split.meta();
    this.fast = meta instanceof String[] && Utf8CsvSource.handles(options.delimiter(),
        options.quote());
    if (fast) {
      // a split that carries the header was cut at a record start of a file proven strict, or
      // at a line start of a file that is if no split has a quote
      this.header = new Header((String[]) meta);
      this.source = open(in, split.start(), false);
      return;
    }
    this.source = open(in, split.start(), split.start() == 0 || split.compressed());
    if (meta instanceof String[] names) {
      header = new Header(names);
    } else if (meta instanceof Named named) {
      header = new Header(named.names());
    } else if (source.next()) {
      header = new Header(source.row(null).toList().toArray(String[]::new));
      started = true;
    }
  }

  /** A source over {@code in}, the split's bytes from {@code offset}, a record start. */
  private CsvRecordSource open(InputStream in, long offset, boolean maybeBom) throws IOException {
    if (fast) {
      base = offset;
      return new Utf8CsvSource(in, offset, options.delimiter(), options.quote(), 1 << 20,
          !split.speculative());
    }
    InputStream bytes = new BufferedInputStream(in, BUFFER);
    base = offset + (maybeBom && skipBom(bytes) ? 3 : 0);
    return CsvRecordSource.commons(decode(bytes), options.format(), this::byteOffset);
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
    long limit = split.compressed() ? Long.MAX_VALUE : split.end();
    while (true) {
      try {
        if (!advance()) {
          return false;
        }
      } catch (CsvRecordSource.CsvSyntaxException e) {
        skip(failedRecordStart(), limit, "it does not parse as CSV (" + e.getMessage() + ")");
        continue;
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
        end = pending ? source.offset() : limit;
      } catch (CsvRecordSource.CsvSyntaxException e) {
        pending = false;
        end = limit; // the next record is bad too: one span for both
      }
      skip(from, end, "expected " + header.names.size() + " fields as in the columns "
          + header.names + ", got " + fields);
    }
  }

  /** The start of the record the source failed on: the byte parser names it itself. */
  private long failedRecordStart() throws IOException {
    if (fast || !started) {
      return fast ? source.offset() : base;
    }
    long last = source.offset();
    return BadSpan.recordEnd(InputFiles.openRange(split, last), last, options.delimiter(),
        options.quote());
  }

  /**
   * Fails the job on the bad record at {@code from}, or, under a skip policy, rejects its span
   * ({@link BadSpan}, ending by {@code end}) and resumes reading after it.
   */
  private void skip(long from, long end, String why) throws IOException {
    badAt = from;
    if (options.badRecordPolicy() == BadRecordPolicy.FAIL) {
      throw new InputException("Bad CSV record in " + split.path() + " at line "
          + InputFiles.lineNumberAt(split, from) + " (byte offset " + from + "): " + why
          + ". The record: " + excerpt(from) + ". Fix the file, or skip bad records"
          + " (--on-bad-record skip) to count them and write them to a rejects file.");
    }
    BadSpan span;
    try (InputStream in = InputFiles.openRange(split, from)) {
      span = BadSpan.find(in, from, end, options, header.names.size());
    }
    if (span == null) {
      throw new InputException("Bad CSV record in " + split.path() + " at line "
          + InputFiles.lineNumberAt(split, from) + " (byte offset " + from + ") cannot be"
          + " skipped: no line within " + options.maxRejectLines() + " lines or "
          + options.maxRejectBytes() + " bytes after it is a whole record with the header's "
          + header.names.size() + " fields (" + why + "; a quote left open?). The record: "
          + excerpt(from) + ". Fix the file, or raise the limit (CsvOptions.maxRejectSpan).");
    }
    reject(span);
    badAt = -1;
    if (!(pending && span.to() == end)) {
      source.close();
      pending = false;
      started = false;
      source = open(InputFiles.openRange(split, span.to()), span.to(), false);
    }
  }

  /** Copies the span's bytes whole to the rejects file, a line feed after them if they lack one. */
  private void reject(BadSpan span) throws IOException {
    if (rejects == null) {
      Path file = options.rejectsDir().resolve(Path.of(split.path()).getFileName() + "-"
          + split.start() + ".rejects");
      rejects = new BufferedOutputStream(Files.newOutputStream(file));
    }
    badRecords++;
    badLines += span.lines();
    byte[] buf = new byte[1 << 16];
    int last = '\n';
    try (InputStream in = InputFiles.openRange(split, span.from())) {
      for (long left = span.to() - span.from(); left > 0; ) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        rejects.write(buf, 0, n);
        last = buf[n - 1];
        left -= n;
      }
    }
    if (last != '\n') {
      rejects.write('\n');
    }
  }

  /** At most {@value #EXCERPT} characters of the record's first line, quoted. */
  private String excerpt(long from) throws IOException {
    try (InputStream in = InputFiles.openRange(split, from)) {
      String s = new String(in.readNBytes(4 * EXCERPT), StandardCharsets.UTF_8);
      int lf = s.indexOf('\n');
      String line = (lf < 0 ? s : s.substring(0, lf)).replace("\r", "");
      return "\"" + (line.length() > EXCERPT ? line.substring(0, EXCERPT) + "..." : line) + "\"";
    }
  }

  @Override
  public CsvRow current() {
    return current;
  }

  @Override
  public long recordOffset() {
    try {
      return badAt >= 0 ? badAt : started ? source.offset() : base;
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
    try (InputStream in = new BufferedInputStream(InputFiles.openRange(split, base), BUFFER)) {
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
  public long badLines() {
    return badLines;
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

package org.forkreduce;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;

/**
 * How CSV files are read: delimiter and quote (RFC 4180 by default; {@link #tsv()} for tab
 * separated values), and what happens to bad records. Immutable; setters validate and return a
 * new instance. Every file starts with a header line naming its columns, unless
 * {@link #noHeader} names them instead.
 */
public final class CsvOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final char delimiter;
  private final Character quote;
  private final BadRecordPolicy policy;
  private final String rejectsDir;
  /** The column names of header-less files, or null when each file's first line names them. */
  private final List<String> columns;
  private final long maxRejectBytes;
  private final int maxRejectLines;

  private CsvOptions(char delimiter, Character quote, BadRecordPolicy policy, String rejectsDir,
      List<String> columns, long maxRejectBytes, int maxRejectLines) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.policy = policy;
    this.rejectsDir = rejectsDir;
    this.columns = columns;
    this.maxRejectBytes = maxRejectBytes;
    this.maxRejectLines = maxRejectLines;
  }

  /** RFC 4180: comma, double quote, bad records fail the job. */
  public static CsvOptions defaults() {
    return new CsvOptions(',', '"', BadRecordPolicy.FAIL, null, null, 1 << 20, 1000);
  }

  /** Tab separated, no quoting (PostgreSQL TEXT style is not unescaped). */
  public static CsvOptions tsv() {
    return new CsvOptions('\t', null, BadRecordPolicy.FAIL, null, null, 1 << 20, 1000);
  }

  /** Sets the field delimiter; it may not be a line break or the quote. */
  public CsvOptions delimiter(char delimiter) {
    if (delimiter == '\n' || delimiter == '\r' || (quote != null && delimiter == quote)) {
      throw new IllegalArgumentException("the delimiter may not be a line break or the quote"
          + " character, got " + printable(delimiter));
    }
    return new CsvOptions(delimiter, quote, policy, rejectsDir, columns, maxRejectBytes,
        maxRejectLines);
  }

  /** Sets the quote character; it may not be a line break or the delimiter. */
  public CsvOptions quote(char quote) {
    if (quote == '\n' || quote == '\r' || quote == delimiter) {
      throw new IllegalArgumentException("the quote may not be a line break or the delimiter,"
          + " got " + printable(quote));
    }
    return new CsvOptions(delimiter, quote, policy, rejectsDir, columns, maxRejectBytes,
        maxRejectLines);
  }

  /** Fails the job on the first bad record (the default). */
  public CsvOptions failOnBadRecords() {
    return new CsvOptions(delimiter, quote, BadRecordPolicy.FAIL, null, columns, maxRejectBytes,
        maxRejectLines);
  }

  /**
   * Skips bad records, counts them ({@code bad_records}, and their lines {@code bad_lines}) and
   * writes each whole, byte for byte, to files in {@code rejectsDir}, one per split that had
   * any, named after the split. A record that cannot end (a quote left open) is skipped up to
   * the next line that is on its own a whole record with the header's field count; a rejected
   * span larger than {@link #maxRejectBytes()} or {@link #maxRejectLines()} fails the job.
   */
  public CsvOptions skipBadRecords(Path rejectsDir) {
    if (!Files.isDirectory(rejectsDir)) {
      throw new IllegalArgumentException("the rejects directory must exist: " + rejectsDir);
    }
    return new CsvOptions(delimiter, quote, BadRecordPolicy.SKIP,
        rejectsDir.toAbsolutePath().toString(), columns, maxRejectBytes, maxRejectLines);
  }

  /**
   * Files have no header line: every line is a record (as DuckDB's {@code read_csv(header =
   * false, names = [...])}), and {@code names} name its fields in order. Every file must have as
   * many fields as there are names; the planner checks each file's first record.
   *
   * @throws IllegalArgumentException if there are no names, or one is empty or repeated
   */
  public CsvOptions noHeader(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a header-less file needs its column names, got none");
    }
    if (names.contains("") || Set.copyOf(names).size() < names.size()) {
      throw new IllegalArgumentException("column names must be non-empty and distinct, got "
          + names);
    }
    return new CsvOptions(delimiter, quote, policy, rejectsDir, List.copyOf(names),
        maxRejectBytes, maxRejectLines);
  }

  /** Whether each file's first line names its columns (the default). */
  public boolean header() {
    return columns == null;
  }

  /** The column names given by {@link #noHeader}, or null when files have a header line. */
  public List<String> columns() {
    return columns;
  }

  /**
   * Sets the largest span of bytes and lines one skipped bad record may take (default 1 MiB and
   * 1,000 lines): it bounds the look-ahead for the next good line after a quote left open, and
   * a larger span fails the job rather than being skipped.
   */
  public CsvOptions maxRejectSpan(long bytes, int lines) {
    if (bytes < 1 || lines < 1) {
      throw new IllegalArgumentException("the rejected span limits must be positive, got "
          + bytes + " bytes and " + lines + " lines");
    }
    return new CsvOptions(delimiter, quote, policy, rejectsDir, columns, bytes, lines);
  }

  /** The most bytes one skipped bad record may span. */
  public long maxRejectBytes() {
    return maxRejectBytes;
  }

  /** The most lines one skipped bad record may span. */
  public int maxRejectLines() {
    return maxRejectLines;
  }

  public char delimiter() {
    return delimiter;
  }

  /** The quote character, or null when fields are never quoted. */
  public Character quote() {
    return quote;
  }

  public BadRecordPolicy badRecordPolicy() {
    return policy;
  }

  /** Where rejected records go under {@link BadRecordPolicy#SKIP}; null otherwise. */
  public Path rejectsDir() {
    return rejectsDir == null ? null : Path.of(rejectsDir);
  }

  /** The Commons CSV format for these options. */
  public CSVFormat format() {
    CSVFormat.Builder b = CSVFormat.RFC4180.builder().setDelimiter(delimiter);
    if (quote == null) {
      b.setQuote(null);
    } else {
      b.setQuote(quote);
    }
    return b.get();
  }

  private static String printable(char c) {
    return c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : "'" + c + "'";
  }

  @Override
  public String toString() {
    return "CsvOptions[delimiter=" + printable(delimiter) + ", quote="
        + (quote == null ? "none" : printable(quote)) + ", badRecords=" + policy
        + (columns == null ? "" : ", noHeader=" + columns) + "]";
  }
}

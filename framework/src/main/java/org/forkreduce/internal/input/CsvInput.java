package org.forkreduce.internal.input;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.forkreduce.BadRecordPolicy;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.Split.Unproven;
import org.forkreduce.SplitPolicy;

/**
 * CSV files with a header line, or header-less ones whose column names the options give. The
 * planner reads each file's header (or checks its first record's field count) once, before any
 * work, and hands the names to every split of the file; a header-less file's first split starts
 * at byte 0 (past a byte order mark). Splits start at record boundaries found by
 * {@link CsvBoundaries}, so no record is ever cut, whatever its quoted line breaks. Splits of a
 * file proven strict RFC 4180 carry the names and are parsed from their bytes; any other file is
 * one split parsed with Commons CSV, which reads the header itself (or is given the names). A policy that allows it may have a big file cut at line
 * starts before it is proven to hold no quote ({@link Split#speculative()}); its readers then
 * fail on any quote. Created by
 * {@link org.forkreduce.Inputs#csv(CsvOptions, Path...)}.
 */
final class CsvInput implements Input<CsvRow> {
  private static final long serialVersionUID = 1L;

  /** A header longer than this is read by Commons CSV with the file, not by the planner. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private final List<String> roots;
  private final CsvOptions options;

  CsvInput(CsvOptions options, Path... paths) {
    this.roots = List.copyOf(InputFiles.checkedRoots(paths));
    this.options = options;
  }

  List<String> roots() {
    return roots;
  }

  @Override
  public List<Split> splits(SplitPolicy policy) throws IOException {
    List<Path> files = InputFiles.list(roots);
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    long splitSize = policy.sizeFor(total);
    // a skipped bad record is written out at once, so a split that may be read twice must not
    // skip; and only the byte parser checks a split for quotes
    boolean speculate = policy.speculative()
        && options.badRecordPolicy() == BadRecordPolicy.FAIL
        && Utf8CsvSource.handles(options.delimiter(), options.quote());
    List<Split> splits = new ArrayList<>();
    String[] firstColumns = null;
    Path firstFile = null;
    for (Path f : files) {
      long size = Files.size(f);
      if (size == 0) {
        continue;
      }
      long modified = InputFiles.modified(f);
      String[] columns = columns(f, size);
      if (firstColumns == null) {
        firstColumns = columns;
        firstFile = f;
      } else if (!Arrays.equals(firstColumns, columns)) {
        throw new InputException("CSV files of one input must share a header: " + firstFile
            + " has " + Arrays.toString(firstColumns) + " but " + f + " has "
            + Arrays.toString(columns) + ". Read them as separate inputs.");
      }
      CsvBoundaries.Plan plan = InputFiles.isGzip(f) ? CsvBoundaries.WHOLE
          : CsvBoundaries.plan(f, options.delimiter(), options.quote(), splitSize, speculate,
              dataStart(f));
      String[] header = plan.headerEnd() < 0 ? null : header(f, plan.headerEnd(), columns);
      if (header == null || !plan.proven()) {
        // too small to cut, or not strict: one split whose reader, not trusting the unscanned
        // bytes to be strict, parses from the start with Commons CSV
        splits.add(whole(f, size, modified, columns));
        continue;
      }
      Serializable meta = plan.speculative() ? new Unproven(header) : header;
      List<Long> starts = new ArrayList<>();
      starts.add(plan.headerEnd());
      starts.addAll(plan.cuts());
      for (int i = 0; i < starts.size(); i++) {
        long start = starts.get(i);
        long end = i + 1 < starts.size() ? starts.get(i + 1) : size;
        if (end > start) {
          splits.add(new Split(f.toString(), start, end - start, size, modified, false, meta));
        }
      }
    }
    return splits;
  }

  /**
   * One split of a whole file, parsed from its start by Commons CSV: it reads the header itself,
   * or is given the names of a header-less file's columns.
   */
  private Split whole(Path f, long size, long modified, String[] columns) {
    return new Split(f.toString(), 0, size, size, modified, InputFiles.isGzip(f),
        options.header() ? null : new CsvRecordReader.Named(columns));
  }

  /**
   * The first records of the input, for sampling (column types) without planning whole files:
   * for each file in order, until {@code bytes} are covered, a split of its first records, cut
   * at the first record start after {@code bytes} that the scan proved strict and so parsed from
   * the bytes; a file too small to cut, not strict, or gzip is one whole split.
   */
  @Override
  public List<Split> sample(long bytes) throws IOException {
    List<Split> splits = new ArrayList<>();
    long covered = 0;
    for (Path f : InputFiles.list(roots)) {
      long size = Files.size(f);
      if (size == 0) {
        continue;
      }
      String[] columns = columns(f, size);
      CsvBoundaries.Plan plan = InputFiles.isGzip(f) ? CsvBoundaries.WHOLE
          : CsvBoundaries.plan(f, options.delimiter(), options.quote(), bytes, 1, dataStart(f));
      String[] header = plan.cuts().isEmpty() ? null : header(f, plan.headerEnd(), columns);
      if (header == null) {
        splits.add(whole(f, size, InputFiles.modified(f), columns));
      } else {
        long end = plan.cuts().get(0);
        splits.add(new Split(f.toString(), plan.headerEnd(), end - plan.headerEnd(), size,
            false, header));
      }
      covered += splits.get(splits.size() - 1).length();
      if (covered >= bytes) {
        break;
      }
    }
    return splits;
  }

  /**
   * The names of a file's columns, checked before any work: its header, whose names must be
   * distinct; or, for a header-less file, the names given, as many as the fields of its first
   * record.
   *
   * @throws InputException naming the file, the column or count at fault, and the columns
   */
  private String[] columns(Path file, long size) throws IOException {
    String[] first = firstRecord(file, size);
    if (options.header()) {
      if (first == null) {
        throw new InputException("CSV file " + file + " has no header line; the first line"
            + " must name the columns, or read it as having none (--no-header --columns).");
      }
      String repeated = Header.repeated(first);
      if (repeated != null) {
        throw new InputException("CSV file " + file + " names the column '" + repeated
            + "' twice in its header " + Arrays.toString(first) + "; rename one so that each"
            + " column has its own name.");
      }
      return first;
    }
    String[] names = options.columns().toArray(String[]::new);
    if (first != null && first.length != names.length) {
      throw new InputException("CSV file " + file + " has " + first.length + " fields in its"
          + " first record " + Arrays.toString(first) + " but " + names.length + " columns were"
          + " given " + options.columns() + "; give one name per field.");
    }
    return names;
  }

  /** The fields of the file's first record (its header, if it has one), or null if none. */
  private String[] firstRecord(Path file, long size) throws IOException {
    Split whole = new Split(file.toString(), 0, size, size, InputFiles.isGzip(file), null);
    try (InputStream in = new BufferedInputStream(InputFiles.open(whole, 0), 1 << 16)) {
      CsvRecordReader.skipBom(in);
      CSVParser p = CSVParser.parse(CsvRecordReader.decode(in), options.format());
      Iterator<CSVRecord> records = p.iterator();
      return records.hasNext() ? records.next().values() : null;
    } catch (UncheckedIOException e) {
      throw new InputException("CSV file " + file + " does not start with a CSV record: "
          + e.getCause().getMessage() + ". Fix the file's first line.", e);
    }
  }

  /** Where a header-less file's first record starts (past a byte order mark); -1 with headers. */
  private long dataStart(Path file) throws IOException {
    if (options.header()) {
      return -1;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return CsvRecordReader.hasBom(in.readNBytes(3)) ? 3 : 0;
    }
  }

  /**
   * The split meta of a file's columns, the bytes before {@code headerEnd} being its header (or
   * a byte order mark, for a header-less file, whose {@code columns} are then the meta); null
   * when those bytes hold more than the header: the planner ends the header at the first line
   * feed, but a header (and records after it) may end with a lone CR, as Commons CSV allows; or
   * when they are too many to be a header (a file with no line feed at all). The file is then
   * read whole by Commons CSV, rather than its records being taken for the header.
   */
  private String[] header(Path file, long headerEnd, String[] columns) throws IOException {
    if (!options.header()) {
      return columns;
    }
    if (headerEnd > MAX_HEADER_BYTES) {
      return null;
    }
    Split whole = new Split(file.toString(), 0, headerEnd, headerEnd, false, null);
    try (InputStream in = InputFiles.open(whole, 0)) {
      byte[] bytes = in.readNBytes((int) headerEnd);
      int from = CsvRecordReader.hasBom(bytes) ? 3 : 0;
      String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
      try (CSVParser p = CSVParser.parse(text, options.format())) {
        List<CSVRecord> records = p.getRecords();
        return records.size() == 1 ? records.get(0).values() : null;
      }
    }
  }

  @Override
  public RecordReader<CsvRow> open(Split split) throws IOException {
    return new CsvRecordReader(split, options, InputFiles.openRange(split));
  }

  @Override
  public String describePosition(Split split, long offset) {
    return InputFiles.describePosition(split, offset);
  }

  @Override
  public String toString() {
    return "CSV " + roots + " " + options;
  }
}

package org.forkreduce.internal.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * CSV files with a header line. The planner reads each file's header once and hands it to every
 * split of the file; splits start at record boundaries found by {@link CsvBoundaries}, so no
 * record is ever cut, whatever its quoted line breaks. Splits of a file proven strict RFC 4180
 * carry the header and are parsed from their bytes; any other file is one split parsed with Commons
 * CSV, which reads the header itself. A policy that allows it may have a big file cut at line
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
    String[] firstHeader = null;
    Path firstFile = null;
    for (Path f : files) {
      long size = Files.size(f);
      String path = f.toString();
      CsvBoundaries.Plan plan = size == 0 || InputFiles.isGzip(f) ? CsvBoundaries.WHOLE
          : CsvBoundaries.plan(f, options.delimiter(), options.quote(), splitSize, speculate);
      if (size == 0) {
        continue;
      }
      long modified = InputFiles.modified(f);
      String[] header = plan.headerEnd() < 0 ? null : header(f, plan.headerEnd());
      if (header == null) {
        splits.add(new Split(path, 0, size, size, modified, InputFiles.isGzip(f), null));
        continue;
      }
      if (firstHeader == null) {
        firstHeader = header;
        firstFile = f;
      } else if (!Arrays.equals(firstHeader, header)) {
        throw new InputException("CSV files of one input must share a header: " + firstFile
            + " has " + Arrays.toString(firstHeader) + " but " + f + " has "
            + Arrays.toString(header) + ". Read them as separate inputs.");
      }
      if (!plan.proven()) {
        // too small to cut: one split whose reader, not trusting the unscanned bytes to be
        // strict, parses from the header on with Commons CSV
        splits.add(new Split(path, 0, size, size, modified, false, null));
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
          splits.add(new Split(path, start, end - start, size, modified, false, meta));
        }
      }
    }
    return splits;
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
      CsvBoundaries.Plan plan = InputFiles.isGzip(f) ? CsvBoundaries.WHOLE
          : CsvBoundaries.plan(f, options.delimiter(), options.quote(), bytes, 1);
      String[] header = plan.cuts().isEmpty() ? null : header(f, plan.headerEnd());
      if (header == null) {
        splits.add(new Split(f.toString(), 0, size, size, InputFiles.isGzip(f), null));
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
   * Parses the header record, the bytes before {@code headerEnd}; null when those bytes hold
   * more than the header: the planner ends the header at the first line feed, but a header (and
   * records after it) may end with a lone CR, as Commons CSV allows; or when they are too many
   * to be a header (a file with no line feed at all). The file is then read whole by Commons
   * CSV, which finds the header itself, rather than its records being taken for the header.
   */
  private String[] header(Path file, long headerEnd) throws IOException {
    if (headerEnd > MAX_HEADER_BYTES) {
      return null;
    }
    Split whole = new Split(file.toString(), 0, headerEnd, headerEnd, false, null);
    try (InputStream in = InputFiles.open(whole, 0)) {
      byte[] bytes = in.readNBytes((int) headerEnd);
      int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
          && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
      String text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
      try (CSVParser p = CSVParser.parse(text, options.format())) {
        List<CSVRecord> records = p.getRecords();
        if (records.isEmpty()) {
          throw new InputException("CSV file " + file + " has no header line; the first line"
              + " must name the columns.");
        }
        return records.size() > 1 ? null : records.get(0).values();
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

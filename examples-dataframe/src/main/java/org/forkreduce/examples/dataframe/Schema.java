package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;

/** Column types: declared ones, the rest inferred from the first rows of the input. */
final class Schema {
  /** As many as DuckDB's read_csv samples: enough for typical files, cheap on every run. */
  static final int SAMPLE_ROWS = 20_480;
  /** Bytes sampled at most, unless a file too small to cut is read whole. */
  static final long SAMPLE_BYTES = 8 << 20;

  private Schema() {}

  /**
   * The type of each of {@code columns}: declared, or inferred ({@link ColumnType.Inference}) from
   * the non-empty values of the first {@value #SAMPLE_ROWS} rows, or of the rows in the first
   * {@value #SAMPLE_BYTES} bytes if those are fewer: a column of {@code keys} (group columns) is
   * a number only if each value prints as written, so that no key's text changes. Only the
   * columns a job uses are sampled: parsing the others would cost the driver as much again, at
   * the start of the job, when the workers' JVMs boot on the same cores.
   *
   * @throws InputException if a column is not in the files (or the planner's checks of their
   *     headers fail), naming the file and the columns it has
   */
  static Map<String, ColumnType> infer(CsvOptions options, Path[] paths, Set<String> columns,
      Set<String> keys, Map<String, ColumnType> declared) throws IOException {
    Path scratch = Files.createTempDirectory("forkreduce-schema-");
    try {
      // bad records in the sample are the job's to report: skip them here, into scratch
      return infer(Inputs.csv(options.skipBadRecords(scratch), paths), columns, keys, declared);
    } finally {
      deleteTree(scratch);
    }
  }

  /** Deletes a directory and everything under it. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Fails before any work if a column the job uses is not among the row's. */
  private static void check(Split split, CsvRow row, Set<String> columns) {
    for (String column : columns) {
      if (row.indexOf(column) < 0) {
        throw new InputException("no column '" + column + "' in " + split.path()
            + "; its columns are " + row.columns() + ". Use one of them (for a file without a"
            + " header line: --no-header --columns NAME,...).");
      }
    }
  }

  private static Map<String, ColumnType> infer(Input<CsvRow> input, Set<String> columns,
      Set<String> keys, Map<String, ColumnType> declared) throws IOException {
    List<String> names = new ArrayList<>();
    int[] index = null;
    ColumnType.Inference[] types = null;
    // the first records of the first files: what the planner reads is the sample, not the files
    List<Split> splits = input.sample(SAMPLE_BYTES);
    int rows = 0;
    for (Split split : splits) {
      try (RecordReader<CsvRow> reader = input.open(split)) {
        while (rows < SAMPLE_ROWS && reader.next()) {
          CsvRow row = reader.current();
          if (index == null) { // the files of one input share their header
            check(split, row, columns);
            for (String column : row.columns()) {
              if (columns.contains(column) && !declared.containsKey(column)) {
                names.add(column);
              }
            }
            index = names.stream().mapToInt(row::indexOf).toArray();
            types = new ColumnType.Inference[index.length];
            Arrays.setAll(types, k -> new ColumnType.Inference(keys.contains(names.get(k))));
          }
          for (int k = 0; k < index.length; k++) {
            if (index[k] < row.size()) {
              types[k].add(row.get(index[k]));
            }
          }
          rows++;
        }
      }
      if (rows >= SAMPLE_ROWS) {
        break;
      }
    }
    Map<String, ColumnType> inferred = new HashMap<>(declared);
    for (int k = 0; k < names.size(); k++) {
      inferred.put(names.get(k), types[k].type());
    }
    return inferred;
  }
}

package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.input.CsvInput;
import org.forkreduce.output.OutputCommitter;
import org.forkreduce.input.RecordReader;
import org.forkreduce.input.Split;

/** Column types: declared ones, the rest inferred from the first rows of the input. */
final class Schema {
  /** As many as DuckDB's read_csv samples: enough for typical files, cheap on every run. */
  static final int SAMPLE_ROWS = 20_480;
  /** Bytes sampled at most, unless a file too small to cut is read whole. */
  static final long SAMPLE_BYTES = 8 << 20;

  private Schema() {}

  /**
   * The type of every column: declared, or the narrowest of LONG, DOUBLE, STRING that holds the
   * non-empty values (LONG if none) of the first {@value #SAMPLE_ROWS} rows, or of the rows in
   * the first {@value #SAMPLE_BYTES} bytes if those are fewer.
   */
  static Map<String, ColumnType> infer(CsvOptions options, Path[] paths,
      Map<String, ColumnType> declared) throws IOException {
    Path scratch = Files.createTempDirectory("forkreduce-schema-");
    try {
      // bad records in the sample are the job's to report: skip them here, into scratch
      return infer(new CsvInput(options.skipBadRecords(scratch), paths), declared);
    } finally {
      OutputCommitter.deleteRecursively(scratch);
    }
  }

  private static Map<String, ColumnType> infer(CsvInput input,
      Map<String, ColumnType> declared) throws IOException {
    Map<String, ColumnType> types = new HashMap<>();
    // the first records of the first files: what the planner reads is the sample, not the files
    List<Split> splits = input.sample(SAMPLE_BYTES);
    int rows = 0;
    for (Split split : splits) {
      try (RecordReader<CsvRow> reader = input.open(split)) {
        while (rows < SAMPLE_ROWS && reader.next()) {
          CsvRow row = reader.current();
          for (int i = 0; i < row.size(); i++) {
            String column = row.columns().get(i);
            types.put(column, types.getOrDefault(column, ColumnType.LONG).widen(row.get(i)));
          }
          rows++;
        }
      }
      if (rows >= SAMPLE_ROWS) {
        break;
      }
    }
    types.putAll(declared);
    return types;
  }
}

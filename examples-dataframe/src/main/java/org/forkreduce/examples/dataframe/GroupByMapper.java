package org.forkreduce.examples.dataframe;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.forkreduce.CsvRow;
import org.forkreduce.Emitter;
import org.forkreduce.Mapper;
import org.forkreduce.TaskContext;
import org.forkreduce.examples.dataframe.State.Value;
import org.forkreduce.stats.Counters;

/**
 * Maps CSV rows to (group key, aggregate states). Rows of one task are combined in a local map
 * and emitted at cleanup, so a row costs a hash lookup and a few state updates, no allocation of
 * states. A value that does not parse as its column's type is a bad record: it fails the task,
 * or, when skipping, is counted and written to the rejects directory.
 */
final class GroupByMapper implements Mapper<CsvRow, GroupKey, State[]> {
  private static final long serialVersionUID = 1L;

  private final List<String> groupColumns;
  private final List<AggCall> calls;
  private final Map<String, ColumnType> types;
  private final String rejectsDir;
  private transient Map<GroupKey, State[]> local;
  private transient int[] groupIndex;
  private transient int[][] callIndex;
  private transient Value[][] scratch;
  private transient String positionPrefix;
  private transient long rowNumber;
  private transient Writer rejects;
  private transient TaskContext context;

  /** @param rejectsDir where bad rows go when skipping, or null to fail on them */
  GroupByMapper(List<String> groupColumns, List<AggCall> calls, Map<String, ColumnType> types,
      Path rejectsDir) {
    this.groupColumns = List.copyOf(groupColumns);
    this.calls = List.copyOf(calls);
    this.types = Map.copyOf(types);
    this.rejectsDir = rejectsDir == null ? null : rejectsDir.toString();
  }

  @Override
  public void setup(TaskContext context) {
    this.context = context;
    local = new HashMap<>();
    positionPrefix = context.split().path() + "\u0000"
        + String.format("%020d", context.split().start()) + ":";
    rowNumber = 0;
  }

  @Override
  public void map(CsvRow row, Emitter<GroupKey, State[]> out) throws IOException {
    if (groupIndex == null) {
      resolve(row);
    }
    rowNumber++;
    String bad = parse(row);
    if (bad != null) {
      reject(row, bad, out);
      return;
    }
    String[] key = new String[groupIndex.length];
    for (int i = 0; i < key.length; i++) {
      key[i] = row.get(groupIndex[i]);
    }
    State[] states = local.computeIfAbsent(new GroupKey(key), k -> newStates());
    for (int c = 0; c < states.length; c++) {
      Value[] values = scratch[c];
      if (callIndex[c].length == 0) {
        states[c].add(null);
      } else if (values[0] != null && (values.length == 1 || values[1] != null)) {
        states[c].add(values[0]);
        if (values.length == 2) {
          ((State.Corr) states[c]).addY(values[1]);
        }
      }
    }
  }

  /** Parses the row's values into {@link #scratch}: null for NA; returns why a value is bad. */
  private String parse(CsvRow row) {
    String position = null;
    for (int c = 0; c < callIndex.length; c++) {
      for (int j = 0; j < callIndex[c].length; j++) {
        int column = callIndex[c][j];
        String text = row.get(column);
        Value v = scratch[c][j] == null ? new Value() : scratch[c][j];
        scratch[c][j] = null;
        if (text.isEmpty()) {
          continue;
        }
        String name = row.columns().get(column);
        ColumnType type = types.getOrDefault(name, ColumnType.STRING);
        boolean numeric = !calls.get(c).function().equals("count")
            && !calls.get(c).function().equals("first") && !calls.get(c).function().equals("min")
            && !calls.get(c).function().equals("max");
        if (numeric && type == ColumnType.STRING) {
          throw new IllegalArgumentException(calls.get(c).label() + " needs a numeric column,"
              + " but column '" + name + "' holds text (e.g. '" + text + "'); declare its type"
              + " (--type " + name + "=double) if the sample misled the inference");
        }
        try {
          v.type = type;
          v.text = text;
          if (type == ColumnType.LONG) {
            v.asLong = Long.parseLong(text);
            v.asDouble = v.asLong;
          } else if (type == ColumnType.DOUBLE) {
            v.asDouble = Double.parseDouble(text);
          }
        } catch (NumberFormatException e) {
          return "column '" + name + "' value '" + text + "' is not a " + type
              + " (the column's type)";
        }
        if (calls.get(c).function().equals("first")) {
          position = position != null ? position
              : positionPrefix + String.format("%012d", rowNumber);
          v.position = position;
        }
        scratch[c][j] = v;
      }
    }
    return null;
  }

  private void reject(CsvRow row, String why, Emitter<GroupKey, State[]> out)
      throws IOException {
    if (rejectsDir == null) {
      throw new IllegalArgumentException("bad value: " + why + ". Fix the file, declare the"
          + " column's type, or skip bad records (--on-bad-record skip)");
    }
    out.count(Counters.BAD_RECORDS, 1);
    if (rejects == null) {
      Path file = Path.of(rejectsDir, Path.of(context.split().path()).getFileName() + "-"
          + context.split().start() + ".values.rejects");
      rejects = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
    String[] values = new String[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    rejects.write(CSVFormat.RFC4180.format((Object[]) values));
    rejects.write('\n');
  }

  private void resolve(CsvRow row) {
    groupIndex = new int[groupColumns.size()];
    for (int i = 0; i < groupIndex.length; i++) {
      groupIndex[i] = index(row, groupColumns.get(i));
    }
    callIndex = new int[calls.size()][];
    scratch = new Value[calls.size()][];
    for (int c = 0; c < calls.size(); c++) {
      List<String> columns = calls.get(c).columns();
      callIndex[c] = new int[columns.size()];
      scratch[c] = new Value[columns.size()];
      for (int j = 0; j < columns.size(); j++) {
        callIndex[c][j] = index(row, columns.get(j));
      }
    }
  }

  private static int index(CsvRow row, String column) {
    int i = row.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column '" + column + "'; the columns are "
          + row.columns());
    }
    return i;
  }

  private State[] newStates() {
    State[] states = new State[calls.size()];
    for (int c = 0; c < states.length; c++) {
      AggCall call = calls.get(c);
      ColumnType type = call.columns().isEmpty() ? ColumnType.LONG
          : types.getOrDefault(call.columns().get(0), ColumnType.STRING);
      states[c] = State.create(call, type);
    }
    return states;
  }

  @Override
  public void cleanup(Emitter<GroupKey, State[]> out) throws IOException {
    local.forEach(out::emit);
    local = null;
    if (rejects != null) {
      rejects.close();
      rejects = null;
    }
  }
}

package org.forkreduce.examples.dataframe.group;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.apache.commons.csv.CSVFormat;
import org.forkreduce.CsvRow;
import org.forkreduce.Emitter;
import org.forkreduce.Mapper;
import org.forkreduce.TaskContext;
import org.forkreduce.examples.dataframe.ColumnType;
import org.forkreduce.examples.dataframe.agg.State;
import org.forkreduce.examples.dataframe.agg.State.Value;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.expr.AggCall;
import org.forkreduce.stats.Counters;

/**
 * Maps CSV rows to groups' aggregate states. The rows of all the tasks a worker runs are
 * combined in one local table, emitted when the worker flushes, as one {@link GroupBlock} per
 * partition; so a row of a known group costs a probe of its packed key bytes and a few state
 * updates, with no allocation: values are read from the row without strings where its type
 * allows. A value that does not parse as its column's type is a bad record: it fails
 * the task, or, when skipping, is counted and written to the rejects directory. So is a row
 * whose key has a numeric value that would not print as written ({@code 007} in a LONG column):
 * the table checks each new key once, so no key is rewritten and no row pays for the check.
 *
 * <p>Rows are parsed as they come but applied to the table in batches of {@link #BATCH}, so
 * that the table can look up a whole batch's groups with their cache misses overlapped. When
 * skipping bad records and a key column is numeric, a batch is one row: a refused key's row is
 * still at hand to be written to the rejects.
 */
public final class GroupByMapper implements Mapper<CsvRow, Integer, GroupBlock> {
  private static final long serialVersionUID = 1L;
  static final int BATCH = 256;

  private final List<String> groupColumns;
  private final List<AggCall> calls;
  private final Map<String, ColumnType> types;
  private final String rejectsDir;
  private transient GroupTable local;
  /** The states of the table's groups, one column per aggregate. */
  private transient StateColumn[] states;
  /** How many groups this mapper's last table had, to size the next one. */
  private transient int lastGroups;
  /** What {@link StateColumn#touch} loaded, kept so that the compiler cannot drop the loads. */
  @SuppressWarnings("unused")
  private transient long touched;
  private transient IntConsumer created;
  private transient GroupKey.Packer packer;
  /** The group columns' types; their order is the packed keys'. */
  private transient ColumnType[] keyTypes;
  /** The rows of a batch: {@link #BATCH}, or 1 (see the class comment). */
  private transient int batchSize;
  private transient int[][] callIndex;
  private transient ColumnType[][] callTypes;
  private transient boolean[] numeric;
  private transient boolean[] first;
  /** Each batch row's parsed values, per call and argument: reused objects. */
  private transient Value[][][] values;
  /** Each batch row's values, as {@link #values} or null for NA. */
  private transient Value[][][] scratch;
  /** Each batch row's group number in {@link #local}. */
  private transient int[] batchGroups;
  /** Each batch row's number in the split, for errors found when the batch is applied. */
  private transient long[] batchRows;
  private transient String positionPrefix;
  private transient long rowNumber;
  private transient Writer rejects;
  private transient TaskContext context;

  /** @param rejectsDir where bad rows go when skipping, or null to fail on them */
  public GroupByMapper(List<String> groupColumns, List<AggCall> calls,
      Map<String, ColumnType> types, Path rejectsDir) {
    this.groupColumns = List.copyOf(groupColumns);
    this.calls = List.copyOf(calls);
    this.types = Map.copyOf(types);
    this.rejectsDir = rejectsDir == null ? null : rejectsDir.toString();
  }

  @Override
  public void setup(TaskContext context) {
    this.context = context;
    if (keyTypes == null) {
      keyTypes = groupColumns.stream().map(c -> types.getOrDefault(c, ColumnType.STRING))
          .toArray(ColumnType[]::new);
      boolean numeric = Arrays.stream(keyTypes).anyMatch(t -> t != ColumnType.STRING);
      batchSize = rejectsDir != null && numeric ? 1 : BATCH;
    }
    created = this::created;
    positionPrefix = context.split().path() + "\u0000"
        + String.format("%020d", context.split().start()) + ":";
    rowNumber = 0;
    if (packer != null) {
      packer.clear(); // a batch a failed attempt left behind
    }
  }

  @Override
  public void map(CsvRow row, Emitter<Integer, GroupBlock> out) throws IOException {
    if (packer == null) {
      resolve(row);
    }
    rowNumber++;
    String bad = parse(row, packer.rows());
    if (bad != null) {
      reject(row, bad, out);
      return;
    }
    batchRows[packer.rows()] = rowNumber;
    if (packer.pack(row) == batchSize - 1) {
      applyBatch(row, out);
    }
  }

  /**
   * Adds the batch's rows to their groups' states, and empties the batch. If the table refuses
   * a row's key, fails, or when skipping rejects {@code row}: the batch's one row.
   */
  private void applyBatch(CsvRow row, Emitter<Integer, GroupBlock> out) throws IOException {
    if (packer.rows() == 0) {
      return;
    }
    if (local == null) {
      // as many groups as the last table had: a job's outputs are alike, and growing a table
      // to a million groups rehashes it a dozen times
      local = new GroupTable(lastGroups, keyTypes);
      makeStates();
    }
    int refused = local.groupsFor(packer, batchGroups, created);
    if (refused >= 0) {
      String why = refusal(refused);
      packer.clear();
      reject(row, why, out);
      return;
    }
    int rows = packer.rows();
    for (StateColumn column : states) {
      touched += column.touch(batchGroups, rows);
    }
    // aggregate by aggregate, so that the updates of one pass touch independent states, whose
    // cache misses the processor overlaps
    for (int c = 0; c < calls.size(); c++) {
      for (int r = 0; r < rows; r++) {
        try {
          add(states[c], batchGroups[r], scratch[r][c]);
        } catch (ArithmeticException e) {
          // the framework names the row being mapped, which may be a later one of the batch
          throw new ArithmeticException(calls.get(c).label() + " overflows a long at data row "
              + batchRows[r] + " of this split (" + e.getMessage() + "); declare the column's"
              + " type double (--type COL=double)");
        }
      }
    }
    packer.clear();
  }

  /** Why the table refused batch row {@code r}'s key: a value that would not print as written. */
  private String refusal(int r) {
    int k = packer.misread(r, keyTypes);
    String column = groupColumns.get(k);
    return "group column '" + column + "' value '" + packer.value(r, k) + "' at data row "
        + batchRows[r] + " of this split would not print as written as a " + keyTypes[k]
        + " (the column's type); declare the column text (--type " + column + "=string)";
  }

  /** Adds one row's values (none for count(), NA when null) to group g's state. */
  private static void add(StateColumn states, int g, Value[] v) {
    if (v.length == 0 || v[0] != null && (v.length == 1 || v[1] != null)) {
      states.add(g, v);
    }
  }

  /**
   * Parses the row's values into batch row {@code r} of {@link #scratch}: null for NA; returns
   * why a value is bad.
   */
  private String parse(CsvRow row, int r) {
    Value[][] scratch = this.scratch[r];
    Value[][] values = this.values[r];
    String position = null;
    for (int c = 0; c < callIndex.length; c++) {
      for (int j = 0; j < callIndex[c].length; j++) {
        int column = callIndex[c][j];
        scratch[c][j] = null;
        if (row.isEmpty(column)) {
          continue;
        }
        ColumnType type = callTypes[c][j];
        if (numeric[c] && type == ColumnType.STRING) {
          String name = row.columns().get(column);
          throw new IllegalArgumentException(calls.get(c).label() + " needs a numeric column,"
              + " but column '" + name + "' holds text (e.g. '" + row.get(column) + "');"
              + " declare its type (--type " + name + "=double) if the sample misled the"
              + " inference");
        }
        Value v = values[c][j];
        v.type = type;
        try {
          switch (type) {
            case LONG -> {
              v.asLong = row.getLong(column);
              v.asDouble = v.asLong;
            }
            case DOUBLE -> v.asDouble = row.getDouble(column);
            case STRING -> v.text = row.get(column);
          }
        } catch (NumberFormatException e) {
          return "column '" + row.columns().get(column) + "' value '" + row.get(column)
              + "' is not a " + type + " (the column's type)";
        }
        if (first[c]) {
          position = position != null ? position
              : positionPrefix + String.format("%012d", rowNumber);
          v.position = position;
        }
        scratch[c][j] = v;
      }
    }
    return null;
  }

  private void reject(CsvRow row, String why, Emitter<Integer, GroupBlock> out)
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
    int[] groupIndex = new int[groupColumns.size()];
    for (int i = 0; i < groupIndex.length; i++) {
      groupIndex[i] = index(row, groupColumns.get(i));
    }
    packer = new GroupKey.Packer(groupIndex);
    int n = calls.size();
    callIndex = new int[n][];
    callTypes = new ColumnType[n][];
    numeric = new boolean[n];
    first = new boolean[n];
    values = new Value[BATCH][n][];
    scratch = new Value[BATCH][n][];
    batchGroups = new int[BATCH];
    batchRows = new long[BATCH];
    for (int c = 0; c < n; c++) {
      List<String> columns = calls.get(c).columns();
      String function = calls.get(c).function();
      numeric[c] = !List.of("count", "first", "min", "max").contains(function);
      first[c] = function.equals("first");
      callIndex[c] = new int[columns.size()];
      callTypes[c] = new ColumnType[columns.size()];
      for (int j = 0; j < columns.size(); j++) {
        callIndex[c][j] = index(row, columns.get(j));
        callTypes[c][j] = types.getOrDefault(columns.get(j), ColumnType.STRING);
      }
      for (int r = 0; r < BATCH; r++) {
        scratch[r][c] = new Value[columns.size()];
        values[r][c] = new Value[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
          values[r][c][j] = new Value();
        }
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

  /** Makes the state columns, when the first row has resolved the aggregates' columns. */
  private void makeStates() {
    states = new StateColumn[calls.size()];
    for (int c = 0; c < states.length; c++) {
      AggCall call = calls.get(c);
      ColumnType type = callTypes[c].length == 0 ? ColumnType.LONG : callTypes[c][0];
      states[c] = StateColumn.of(() -> State.create(call, type), Math.max(128, lastGroups));
    }
  }

  /** Makes the states of group g, new in the table. */
  private void created(int g) {
    for (StateColumn column : states) {
      column.reserve(g + 1);
      column.newGroup(g);
    }
  }

  /** Applies the task's last batch; its groups stay in the table for the worker's next tasks. */
  @Override
  public void cleanup(Emitter<Integer, GroupBlock> out) throws IOException {
    if (packer != null) {
      applyBatch(null, out); // when skipping with batches of one row, this batch is empty
    }
    if (rejects != null) {
      rejects.close();
      rejects = null;
    }
  }

  /**
   * The table's and its states' arrays, by their lengths (0 when there is no table): what a
   * {@link #flush} would hand on. The batch's rows, at most {@link #BATCH}, are not counted.
   */
  @Override
  public long heldBytes() {
    if (local == null) {
      return 0;
    }
    long bytes = local.heldBytes();
    for (StateColumn column : states) {
      bytes += column.heldBytes();
    }
    return bytes;
  }

  /**
   * Hands on the groups of every task since the last flush, one block per partition, and
   * starts a new table: a worker's tasks share one table, so each group is emitted once per
   * worker instead of once per task, and no task's output is merged into another's. Between
   * two rows of a task (the worker's memory passed the budget), the rows parsed but not yet
   * applied join the table first, and the task's next rows go to a new table.
   */
  @Override
  public void flush(Emitter<Integer, GroupBlock> out) throws IOException {
    if (packer != null) {
      applyBatch(null, out);
    }
    if (local == null) {
      return;
    }
    lastGroups = local.size();
    GroupBlock[] blocks = local.blocks(states);
    local = null;
    states = null;
    for (int p = 0; p < blocks.length; p++) {
      if (blocks[p] != null) {
        out.emit(p, blocks[p]);
      }
    }
  }
}

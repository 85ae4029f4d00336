package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.forkreduce.CsvRow;
import org.forkreduce.Emitter;
import org.forkreduce.Engine;
import org.forkreduce.Job;
import org.forkreduce.JobResult;
import org.forkreduce.Mapper;
import org.forkreduce.TaskContext;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.examples.dataframe.DbBenchmarkQuestionsTest.Question;
import org.forkreduce.examples.dataframe.expr.AggCall;
import org.forkreduce.examples.dataframe.expr.Expr;
import org.forkreduce.examples.dataframe.group.GroupBlock;
import org.forkreduce.examples.dataframe.group.GroupByMapper;
import org.forkreduce.examples.dataframe.group.ResultRows;
import org.forkreduce.examples.dataframe.table.ResultTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group-by mapper flushed between two rows of a task, as a worker does when its memory
 * passes the budget: at the batch's edges (after 1, 255, 256, 257 rows) and at random rows, the
 * blocks it emits reduce to the same table as without those flushes, and to the naive reference.
 */
class MidTaskFlushTest {
  @TempDir static Path dir;
  static Path file;

  @BeforeAll
  static void setUp() throws IOException {
    G1Table table = new G1Table(6_000, 10, 5, false);
    file = dir.resolve(table.fileName());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      table.write(w, 18);
    }
  }

  /** Maps with a group-by mapper, flushing it after each of the rows numbered in {@code after}. */
  static final class FlushingMapper implements Mapper<CsvRow, Integer, GroupBlock> {
    private static final long serialVersionUID = 1L;
    private final Mapper<CsvRow, Integer, GroupBlock> mapper;
    private final long[] after;
    private long rows;
    private int next;

    FlushingMapper(Mapper<CsvRow, Integer, GroupBlock> mapper, long[] after) {
      this.mapper = mapper;
      this.after = after;
    }

    @Override
    public void setup(TaskContext context) throws Exception {
      mapper.setup(context);
    }

    @Override
    public void map(CsvRow row, Emitter<Integer, GroupBlock> out) throws Exception {
      mapper.map(row, out);
      if (next < after.length && after[next] == ++rows) {
        next++;
        int[] blocks = new int[1];
        mapper.flush(new Emitter<>() {
          @Override
          public void emit(Integer partition, GroupBlock block) {
            blocks[0]++;
            out.emit(partition, block);
          }

          @Override
          public void count(String name, long delta) {
            out.count(name, delta);
          }
        });
        assertThat(blocks[0]).as("blocks of the rows since the last flush, at row %d", rows)
            .isPositive();
        assertThat(mapper.heldBytes()).as("held after a flush at row %d", rows).isZero();
      }
    }

    @Override
    public void cleanup(Emitter<Integer, GroupBlock> out) throws Exception {
      mapper.cleanup(out);
    }

    @Override
    public void flush(Emitter<Integer, GroupBlock> out) throws Exception {
      mapper.flush(out);
    }
  }

  /** {@code q}'s table, its mapper flushed after the rows {@code after}. */
  private static ResultTable flushed(Question q, long[] after, Engine engine) {
    DataFrame.Aggregation agg = DataFrame.csv(file).groupBy(q.by().toArray(String[]::new))
        .agg(q.aggs().toArray(String[]::new)).splitSize(40_000);
    Job<CsvRow, Integer, GroupBlock> plain = agg.job();
    List<Expr.Named> exprs = q.aggs().stream().map(Expr::parse).toList();
    List<AggCall> calls = new ArrayList<>();
    exprs.forEach(e -> e.expr().calls(calls));
    Job<CsvRow, Integer, GroupBlock> job = Job.of(plain.input())
        .mapper(new FlushingMapper(plain.mapper(), after)).reducer(plain.reducer())
        .splitSize(plain.splitSize());
    try (JobResult<Integer, GroupBlock> blocks = job.run(engine)) {
      return ResultRows.table(q.by(), agg.types(), exprs, calls, blocks);
    }
  }

  private static List<List<Object>> rows(ResultTable t) {
    return t.rows().stream().map(Arrays::asList).toList();
  }

  @Test
  void flush_atBatchEdgesAndRandomRows_sameTableAsWithout() throws IOException {
    Random random = new Random(18);
    TreeSet<Long> points = new TreeSet<>(List.of(1L, 255L, 256L, 257L, 511L, 513L, 2_000L));
    while (points.size() < 30) {
      points.add(1 + (long) random.nextInt(6_000));
    }
    long[] after = points.stream().mapToLong(Long::longValue).toArray();
    NaiveGroupBy reference = new NaiveGroupBy(file);
    try (Engine inline = Engine.inline()) {
      for (Question q : DbBenchmarkQuestionsTest.QUESTIONS) {
        ResultTable expected = DataFrame.csv(file).groupBy(q.by().toArray(String[]::new))
            .agg(q.aggs().toArray(String[]::new)).splitSize(40_000).run(inline);
        ResultTable actual = flushed(q, after, inline);
        assertThat(actual.stats().splits()).as("splits").isGreaterThan(3);
        assertThat(rows(actual)).as(q.name()).isEqualTo(rows(expected));
        DbBenchmarkQuestionsTest.assertMatches(actual.rows(),
            reference.query(q.by(), q.reference()), q.name() + " flushed mid-task");
      }
    }
  }

  @Test
  void flush_everyRowOrNever_firstAndMedianUnchanged() {
    Question q = new Question("first", List.of("id1", "id4"),
        List.of("first(v3) AS f", "median(v2) AS m", "count() AS n", "top(v1, 2) AS t"), null);
    long[] everyRow = new long[6_000];
    Arrays.setAll(everyRow, i -> i + 1);
    try (Engine inline = Engine.inline()) {
      assertThat(rows(flushed(q, everyRow, inline)))
          .isEqualTo(rows(flushed(q, new long[0], inline)));
    }
  }

  @Test
  void heldBytes_moreGroups_grows() throws Exception {
    DataFrame.Aggregation agg = DataFrame.csv(file).groupBy("id3", "id6")
        .agg("sum(v1)", "median(v3)", "first(id1)");
    Mapper<CsvRow, Integer, GroupBlock> mapper = agg.job().mapper();
    assertThat(mapper).isInstanceOf(GroupByMapper.class);
    List<Long> held = new ArrayList<>();
    long[] sample = {1_000, 2_000, 3_000, 4_000, 5_000, 6_000};
    Job<CsvRow, Integer, GroupBlock> job = Job.of(agg.job().input())
        .mapper(new Mapper<CsvRow, Integer, GroupBlock>() {
          private long rows;
          private int next;

          @Override
          public void setup(TaskContext context) throws Exception {
            mapper.setup(context);
          }

          @Override
          public void map(CsvRow row, Emitter<Integer, GroupBlock> out) throws Exception {
            mapper.map(row, out);
            if (next < sample.length && sample[next] == ++rows) {
              next++;
              held.add(mapper.heldBytes());
            }
          }

          @Override
          public void cleanup(Emitter<Integer, GroupBlock> out) throws Exception {
            mapper.cleanup(out);
          }

          @Override
          public void flush(Emitter<Integer, GroupBlock> out) throws Exception {
            mapper.flush(out);
          }
        }).reducer(agg.job().reducer());
    try (Engine inline = Engine.inline(); JobResult<Integer, GroupBlock> r = job.run(inline)) {
      assertThat(r.size()).isPositive();
    }
    assertThat(held).hasSize(sample.length);
    assertThat(held.get(0)).isPositive();
    assertThat(held).as("id3 x id6: a new group every few rows").isSorted();
    assertThat(held.get(held.size() - 1)).isGreaterThan(held.get(0));
    assertThat(mapper.heldBytes()).as("after the worker's flush").isZero();
  }
}

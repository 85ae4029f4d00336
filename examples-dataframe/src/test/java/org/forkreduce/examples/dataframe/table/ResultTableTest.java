package org.forkreduce.examples.dataframe.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.forkreduce.Engine;
import org.forkreduce.examples.dataframe.DataFrame;
import org.junit.jupiter.api.Test;

/** Building a table from the expressions of an aggregation. */
class ResultTableTest {
  private static final Path SAMPLE = Path.of("../datasets/samples/G1_1e4_1e2_0_0.csv");

  @Test
  void of_sameAggregateInSeveralExpressions_eachGetsItsValue() {
    try (Engine engine = Engine.inline()) {
      DataFrame df = DataFrame.csv(SAMPLE);
      ResultTable shared = df.groupBy("id1").agg("sum(v1)", "sum(v1) AS again",
          "max(v1) - sum(v1) AS d", "top(v1, 2) AS t", "max(v1) AS m").run(engine);
      ResultTable apart = df.groupBy("id1").agg("sum(v1)", "max(v1)").run(engine);
      assertThat(shared.columns()).containsExactly("id1", "sum(v1)", "again", "d", "t", "m");
      List<Object[]> rows = shared.rows();
      assertThat(rows).hasSize(2 * apart.rows().size());
      for (int i = 0; i < rows.size(); i++) {
        Object[] row = rows.get(i);
        Object[] alone = apart.rows().get(i / 2);
        assertThat(row[0]).isEqualTo(alone[0]);
        assertThat(row[1]).isEqualTo(alone[1]).isEqualTo(row[2]);
        assertThat(row[3]).isEqualTo((Long) alone[2] - (Long) alone[1]);
        assertThat(row[5]).isEqualTo(alone[2]);
      }
    }
  }

  @Test
  void get_everyCell_equalsRowsCellAndOutsideIsRefused() {
    try (Engine engine = Engine.inline()) {
      ResultTable t = DataFrame.csv(SAMPLE).groupBy("id4").agg("sum(v3)", "count()").run(engine);
      assertThat(t.size()).isEqualTo(t.rows().size()).isPositive();
      for (int row = 0; row < t.size(); row++) {
        for (int c = 0; c < t.columns().size(); c++) {
          assertThat(t.get(row, c)).isEqualTo(t.rows().get(row)[c]);
        }
      }
      assertThatThrownBy(() -> t.get(t.size(), 0)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> t.get(0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }
}

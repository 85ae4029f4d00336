package org.forkreduce.datasets;

import java.util.List;

/**
 * The ten groupby questions db-benchmark (h2oai/db-benchmark) asks of its table {@link G1Table},
 * as the dataframe's group columns and aggregate expressions: one list for the dataframe's tests,
 * the Spark runner's tests and the benchmark harness, so every place asks the same.
 */
public final class G1Questions {
  private G1Questions() {}

  /**
   * A question: its name (q1..q10), the group columns and the aggregates, each as the dataframe's
   * {@code groupBy(by).agg(aggs)} takes them.
   */
  public record Question(String name, List<String> by, List<String> aggs) {}

  public static final List<Question> QUESTIONS = List.of(
      q("q1", "id1", "sum(v1) AS v1"),
      q("q2", "id1,id2", "sum(v1) AS v1"),
      q("q3", "id3", "sum(v1) AS v1", "mean(v3) AS v3"),
      q("q4", "id4", "mean(v1) AS v1", "mean(v2) AS v2", "mean(v3) AS v3"),
      q("q5", "id6", "sum(v1) AS v1", "sum(v2) AS v2", "sum(v3) AS v3"),
      q("q6", "id4,id5", "median(v3) AS median_v3", "stddev(v3) AS sd_v3"),
      q("q7", "id3", "max(v1) - min(v2) AS range_v1_v2"),
      q("q8", "id6", "top(v3, 2) AS largest2_v3"),
      q("q9", "id2,id4", "pow(corr(v1, v2), 2) AS r2"),
      q("q10", "id1,id2,id3,id4,id5,id6", "sum(v3) AS v3", "count() AS count"));

  /** The question called {@code name}, such as {@code q6}. */
  public static Question named(String name) {
    return QUESTIONS.stream().filter(q -> q.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown question '" + name
            + "'; use q1 to q10"));
  }

  private static Question q(String name, String by, String... aggs) {
    return new Question(name, List.of(by.split(",")), List.of(aggs));
  }
}

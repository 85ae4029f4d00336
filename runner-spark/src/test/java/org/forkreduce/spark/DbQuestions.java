package org.forkreduce.spark;

import java.util.List;

/** The ten db-benchmark groupby questions: group columns, then the aggregates. */
final class DbQuestions {
  private DbQuestions() {}

  static final List<List<String>> ALL = List.of(
      List.of("id1", "sum(v1) AS v1"),
      List.of("id1,id2", "sum(v1) AS v1"),
      List.of("id3", "sum(v1) AS v1", "mean(v3) AS v3"),
      List.of("id4", "mean(v1) AS v1", "mean(v2) AS v2", "mean(v3) AS v3"),
      List.of("id6", "sum(v1) AS v1", "sum(v2) AS v2", "sum(v3) AS v3"),
      List.of("id4,id5", "median(v3) AS median_v3", "stddev(v3) AS sd_v3"),
      List.of("id3", "max(v1) - min(v2) AS range_v1_v2"),
      List.of("id6", "top(v3, 2) AS largest2_v3"),
      List.of("id2,id4", "pow(corr(v1, v2), 2) AS r2"),
      List.of("id1,id2,id3,id4,id5,id6", "sum(v3) AS v3", "count() AS count"));
}

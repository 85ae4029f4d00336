package org.forkreduce.benchmarks;

import java.nio.file.Path;
import java.util.Map;

/**
 * One contender in its own JVM, so that start-up is part of what is measured:
 * {@code Contender wordcount NAME FILE WORKERS} and
 * {@code Contender groupby NAME QUESTION FILE WORKERS} print {@code check ...};
 * {@code Contender pool ITEMS ROUND_TRIPS} prints {@code metric NAME VALUE} lines;
 * {@code Contender scale-duckdb QUESTION FILE WORKERS SPILL_DIR ANSWER} writes DuckDB's answer
 * to the CSV file ANSWER.
 */
public final class Contender {
  private Contender() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "wordcount" -> {
        Map<String, Long> counts = WordCountContenders.run(args[1], Path.of(args[2]),
            Integer.parseInt(args[3]));
        System.out.println("check " + WordCountContenders.check(counts));
      }
      case "groupby" -> System.out.println("check " + GroupByContenders.run(args[1],
          GroupByQuestions.named(args[2]), Path.of(args[3]), Integer.parseInt(args[4])));
      case "scale-duckdb" -> GroupByContenders.duckDbToCsv(GroupByQuestions.named(args[1]),
          Path.of(args[2]), Integer.parseInt(args[3]), Path.of(args[4]), Path.of(args[5]));
      case "pool" -> PoolOverhead.measure(Integer.parseInt(args[1]), Integer.parseInt(args[2]))
          .forEach((k, v) -> System.out.println("metric " + k + " " + v));
      default -> throw new IllegalArgumentException("unknown job " + args[0]);
    }
    System.out.flush();
    System.exit(0);
  }
}

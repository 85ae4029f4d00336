package org.forkreduce.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.forkreduce.benchmarks.GroupByQuestions.Digest;
import org.forkreduce.benchmarks.GroupByQuestions.Question;
import org.forkreduce.examples.wordcount.WordCount;
import org.forkreduce.examples.wordcount.WordCountMapper;
import org.forkreduce.spark.SparkEngine;
import scala.Tuple2;

/**
 * The Apache Spark contenders, in a class of their own so that the others never load Spark:
 * Spark's own RDD word count ({@code textFile}, {@code flatMap}, {@code reduceByKey}) with the
 * same tokenizer, and ForkReduce's jobs on {@link SparkEngine}, both on {@code local[workers]}.
 */
final class SparkContenders {
  private SparkContenders() {}

  static boolean isSpark(String contender) {
    return contender.startsWith("spark-") || contender.equals("forkreduce-spark");
  }

  static Map<String, Long> wordCount(String contender, Path file, int workers) {
    return switch (contender) {
      case "forkreduce-spark" -> {
        try (SparkEngine engine = SparkEngine.start(master(workers), workers)) {
          yield WordCount.job(file).run(engine).toMap();
        }
      }
      case "spark-rdd" -> rddWordCount(file, workers);
      default -> throw new IllegalArgumentException("unknown Spark contender " + contender);
    };
  }

  static Digest groupBy(Question q, Path csv, int workers) {
    return GroupByContenders.forkReduce(SparkEngine.start(master(workers), workers), q, csv);
  }

  private static String master(int workers) {
    return "local[" + workers + "]";
  }

  /** What a Spark user writes: lines, words, pairs, reduceByKey, on a context of its own. */
  private static Map<String, Long> rddWordCount(Path file, int workers) {
    SparkConf conf = new SparkConf().setMaster(master(workers)).setAppName("spark-rdd")
        .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.driver.host", "127.0.0.1");
    try (JavaSparkContext context = new JavaSparkContext(conf)) {
      return new HashMap<>(context.textFile(file.toUri().toString(), workers)
          .flatMap(SparkContenders::words)
          .mapToPair(w -> new Tuple2<>(w, 1L))
          .reduceByKey(Long::sum)
          .collectAsMap());
    }
  }

  private static Iterator<String> words(String line) {
    List<String> words = new ArrayList<>();
    WordCountMapper.words(line, words::add);
    return words.iterator();
  }
}

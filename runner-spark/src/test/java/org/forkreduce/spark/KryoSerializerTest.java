package org.forkreduce.spark;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.forkreduce.Engine;
import org.forkreduce.Job;
import org.forkreduce.examples.wordcount.WordCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A context that uses Spark's own Kryo 4 serializer: keys and values still travel as our Kryo 5
 * bytes, and the caller's context outlives the engine.
 */
class KryoSerializerTest {
  @TempDir Path dir;

  @Test
  void run_sparkKryoSerializer_sameAnswerAsInline() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      text.append("k").append(i % 101).append(' ').append(i % 3 == 0 ? "größe" : "x").append('\n');
    }
    Path file = Files.writeString(dir.resolve("k.txt"), text, UTF_8);
    Job<String, String, Long> job = WordCount.job(file).splitSize(2_000);
    SparkConf conf = SparkSettings.conf("local[2]", 2)
        .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrationRequired", "true")
        .registerKryoClasses(SparkEngine.kryoClasses());
    try (JavaSparkContext context = new JavaSparkContext(conf);
        Engine inline = Engine.inline()) {
      try (Engine spark = SparkEngine.on(context)) {
        assertThat(job.run(spark).toMap()).isEqualTo(job.run(inline).toMap());
      }
      assertThat(context.sc().isStopped()).as("on(context) leaves the context running").isFalse();
    }
  }
}

package org.forkreduce.internal.reduce;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.forkreduce.Reducer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Merging four word-count partials that share half their keys: one tree-reduction step.
 *
 * <p>Runs with JMH on the framework's test class path, as a benchmark of internals: {@code
 * ./mvnw -pl framework test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp framework/target/test-classes:framework/target/classes:$(cat framework/cp.txt)
 * org.openjdk.jmh.Main PartialMergeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PartialMergeBenchmark {
  @Param({"10000", "200000"})
  public int keys;

  private List<Map<String, Long>> partials;
  private final Reducer<Long> sum = Long::sum;

  @Setup
  public void setUp() {
    partials = List.of(partial(0), partial(keys / 2), partial(keys), partial(3 * keys / 2));
  }

  private Map<String, Long> partial(int first) {
    Map<String, Long> m = new HashMap<>();
    for (int i = first; i < first + keys; i++) {
      m.put("w" + i, (long) i);
    }
    return m;
  }

  @Benchmark
  public int mergeFour() {
    return Partials.merge(partials, sum).size();
  }
}

package org.forkreduce.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.forkreduce.pool.ProcessPool;

/**
 * The pool's fixed costs, measured in one JVM: creating a pool of two workers until the first
 * result, one {@code submit(...).get()} round trip on a warm pool, and {@code map} of 100,000
 * tiny tasks with automatic chunking on a warm pool (the median of 10, after 60 unmeasured).
 */
final class PoolOverhead {
  private static final int WARM_UP_MAPS = 60;

  private PoolOverhead() {}

  static Map<String, Double> measure(int items, int roundTrips) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (ProcessPool pool = ProcessPool.create(2)) {
      pool.submit(() -> 1).join();
      metrics.put("start_to_first_result_ms", (System.nanoTime() - t0) / 1e6);
      List<Integer> input = IntStream.range(0, items).boxed().toList();
      List<Double> mapTimes = new ArrayList<>();
      // the first few dozen maps run the driver's Kryo paths before the JIT has compiled them
      // (about 390 ms, then 24, then 14 ms each here): measure the warm rate, as a long-lived
      // application sees it
      for (int i = 0; i < WARM_UP_MAPS + 10; i++) {
        long s = System.nanoTime();
        List<Long> out = pool.map(x -> (long) x * x, input);
        mapTimes.add((System.nanoTime() - s) / 1e6);
        if (out.size() != items || out.get(items - 1) != (long) (items - 1) * (items - 1)) {
          throw new IllegalStateException("map returned wrong results");
        }
      }
      metrics.put("map_" + items + "_tiny_ms",
          median(mapTimes.subList(WARM_UP_MAPS, mapTimes.size())));
      List<Double> trips = new ArrayList<>();
      for (int i = 0; i < roundTrips * 2; i++) {
        int x = i;
        long s = System.nanoTime();
        long r = pool.submit((Integer v) -> (long) v * v, x).join();
        if (i >= roundTrips) {
          trips.add((System.nanoTime() - s) / 1e3);
        }
        if (r != (long) x * x) {
          throw new IllegalStateException("submit returned a wrong result");
        }
      }
      metrics.put("submit_round_trip_median_us", median(trips));
    }
    return metrics;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}

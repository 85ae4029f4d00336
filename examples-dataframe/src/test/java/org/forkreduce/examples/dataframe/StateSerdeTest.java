package org.forkreduce.examples.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forkreduce.serde.PartialFiles;
import org.forkreduce.serde.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and states through a partial file, as workers and the driver exchange them. */
class StateSerdeTest {
  @TempDir Path dir;

  private static final double[] ODD = {Double.NaN, Double.POSITIVE_INFINITY, 1e300, -1e-300,
      Double.MIN_VALUE, -0.0};

  @Test
  void partialFile_keysAndStatesOfEveryKind_readBackWithTheSameResultsAndMergeAlike()
      throws IOException {
    Random random = new Random(1201);
    Map<GroupKey, State[]> written = new HashMap<>();
    Map<GroupKey, State[]> twins = new HashMap<>();
    for (int g = 0; g < 500; g++) {
      GroupKey key = new GroupKey(new String[] {"id" + g, g % 7 == 0 ? "" : "é" + g});
      State[] states = newStates();
      State[] twin = newStates();
      for (int r = g == 0 ? 0 : random.nextInt(2_000); r > 0; r--) { // group 0: no rows
        State.Value v = new State.Value();
        v.asLong = random.nextLong() >> 20;
        v.asDouble = g % 50 == 0 && r == 1 ? ODD[g / 50 % ODD.length]
            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12));
        v.text = "t" + v.asLong;
        for (int s = 0; s < states.length; s++) {
          states[s].add(v);
          twin[s].add(v);
        }
      }
      written.put(key, states);
      twins.put(key, twin);
    }
    Path file = dir.resolve("partial-0");
    PartialFiles.write(written, List.of(file));
    Map<GroupKey, State[]> read = new HashMap<>();
    PartialFiles.readInto(file, read, (a, b) -> a);
    assertThat(read.keySet()).isEqualTo(written.keySet());
    for (Map.Entry<GroupKey, State[]> e : read.entrySet()) {
      State[] original = written.get(e.getKey());
      assertThat(results(e.getValue())).isEqualTo(results(original));
      State[] twin = twins.get(e.getKey()); // the same adds as the original
      for (int s = 0; s < twin.length; s++) {
        twin[s].merge(e.getValue()[s]);
        original[s].merge(Serde.copy(original[s]));
      }
      assertThat(results(twin)).as("merged with what was read").isEqualTo(results(original));
    }
  }

  /** One state of each kind the serializer writes; corr takes the values as x and y in turn. */
  private static State[] newStates() {
    return new State[] {new State.Count(), new State.LongSum(), new State.DoubleSum(false),
        new State.DoubleSum(true), new State.Moments(false), new State.Moments(true),
        new State.Corr(), new State.Median(), new State.Extreme(true, ColumnType.LONG),
        new State.Extreme(false, ColumnType.DOUBLE), new State.Extreme(true, ColumnType.STRING),
        new State.Top(3, ColumnType.LONG), new State.Top(2, ColumnType.DOUBLE)};
  }

  private static List<Object> results(State[] states) {
    return Arrays.stream(states).map(State::result) // top's result is an array: compare cells
        .map(r -> r instanceof Object[] cells ? Arrays.asList(cells) : r).toList();
  }
}

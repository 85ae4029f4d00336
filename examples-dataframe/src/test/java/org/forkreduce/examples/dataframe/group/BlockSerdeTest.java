package org.forkreduce.examples.dataframe.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forkreduce.examples.dataframe.ColumnType.DOUBLE;
import static org.forkreduce.examples.dataframe.ColumnType.LONG;
import static org.forkreduce.examples.dataframe.ColumnType.STRING;
import static org.forkreduce.examples.dataframe.group.TestKeys.state;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.forkreduce.examples.dataframe.agg.State;
import org.forkreduce.examples.dataframe.agg.StateColumn;
import org.forkreduce.examples.dataframe.table.HashSlots;
import org.forkreduce.spi.Payloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and states through a partial file, as workers and the driver exchange them. */
class BlockSerdeTest {
  @TempDir Path dir;

  private static final double[] ODD = {Double.NaN, Double.POSITIVE_INFINITY, 1e300, -1e-300,
      Double.MIN_VALUE, -0.0};

  @Test
  void partialFile_keysAndStatesOfEveryKind_readBackWithTheSameResultsAndMergeAlike()
      throws IOException {
    Random random = new Random(1201);
    GroupBlock written = new GroupBlock(1, 1);
    // the even groups again, with the same adds: what was read merges into them, and the odd
    // groups are appended
    GroupBlock twins = new GroupBlock(1, 1);
    // the states as a mapper keeps them, and as objects: the reference
    StateColumn[] columns = columns();
    StateColumn[] twinColumns = columns();
    Map<List<String>, State[]> originals = new HashMap<>();
    Map<List<String>, State[]> again = new HashMap<>(); // the same adds once more
    for (int g = 0; g < 500; g++) {
      List<String> values = List.of("id" + g, g % 7 == 0 ? "" : "é" + g);
      State[] states = newStates();
      State[] same = newStates();
      newGroup(columns, g);
      newGroup(twinColumns, g);
      for (int r = g == 0 ? 0 : random.nextInt(2_000); r > 0; r--) { // group 0: no rows
        State.Value v = new State.Value();
        v.asLong = random.nextLong() >> 20;
        v.asDouble = g % 25 == 0 && r == 1 ? ODD[g / 25 % ODD.length]
            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12));
        v.text = "t" + v.asLong;
        for (int s = 0; s < states.length; s++) {
          states[s].add(v);
          same[s].add(v);
          columns[s].add(g, new State.Value[] {v});
          twinColumns[s].add(g, new State.Value[] {v});
        }
      }
      byte[] key = TestKeys.pack(values.toArray(String[]::new));
      int hash = HashSlots.hash(key, 0, key.length);
      originals.put(values, states);
      again.put(values, same);
      TestKeys.add(written, key, hash, columns, g);
      if (g % 2 == 0) {
        TestKeys.add(twins, key, hash, twinColumns, g);
      }
    }
    Path file = dir.resolve("partial-0");
    Payloads.writePartial(Map.of(3, written), file);
    Map<Integer, GroupBlock> read = new HashMap<>();
    Payloads.readPartial(file, read, (a, b) -> a);
    GroupBlock block = read.get(3);
    assertThat(block.size()).isEqualTo(originals.size());
    for (int g = 0; g < block.size(); g++) {
      assertThat(results(block, g)).isEqualTo(results(originals.get(TestKeys.values(block, g, 2))));
    }
    GroupBlock merged = twins.merge(block);
    assertThat(merged.size()).isEqualTo(originals.size());
    for (int g = 0; g < merged.size(); g++) {
      List<String> values = TestKeys.values(merged, g, 2);
      State[] original = originals.get(values);
      if (Integer.parseInt(values.get(0).substring(2)) % 2 == 0) {
        State[] same = again.get(values);
        for (int s = 0; s < original.length; s++) {
          original[s].merge(same[s]);
        }
      }
      assertThat(results(merged, g)).as("group %s merged with what was read", values)
          .isEqualTo(results(original));
    }
  }

  /** One state of each kind the serializer writes; corr takes the values as x and y in turn. */
  private static final int STATES = newStates().length;

  /** A column of each state newStates() makes. */
  private static StateColumn[] columns() {
    StateColumn[] columns = new StateColumn[STATES];
    Arrays.setAll(columns, s -> StateColumn.of(() -> newStates()[s], 1));
    return columns;
  }

  private static void newGroup(StateColumn[] columns, int g) {
    for (StateColumn c : columns) {
      c.reserve(g + 1);
      c.newGroup(g);
    }
  }

  private static State[] newStates() {
    return new State[] {state("count", LONG), state("sum", LONG), state("sum", DOUBLE),
        state("mean", DOUBLE), state("var", DOUBLE), state("stddev", DOUBLE),
        state("corr", DOUBLE), state("median", DOUBLE), state("max", LONG), state("min", DOUBLE),
        state("max", STRING), state("top", 3, LONG), state("top", 2, DOUBLE)};
  }

  private static List<Object> results(State[] states) {
    return cells(Arrays.stream(states).map(State::result));
  }

  private static List<Object> results(GroupBlock block, int g) {
    return cells(IntStream.range(0, STATES).mapToObj(c -> block.result(c, g)));
  }

  private static List<Object> cells(Stream<Object> results) {
    // top's result is an array: compare cells
    return results.map(r -> r instanceof Object[] cells ? Arrays.asList(cells) : r).toList();
  }
}

package org.forkreduce.examples.dataframe.agg;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.forkreduce.spi.Payloads;
import org.junit.jupiter.api.Test;

/** Sums and means of doubles through Kryo, as a block writes and reads its columns. */
class DoubleSumStateColumnTest {
  private static final int GROUPS = 300;

  @Test
  void write_groupsOfOneValue_travelAsDoublesAndMergeExactly() {
    Random random = new Random(1130);
    for (boolean mean : new boolean[] {false, true}) {
      for (boolean twoInOne : new boolean[] {false, true}) { // one group of two: all exact
        StateColumn sums = new DoubleSumStateColumn(mean, 1);
        List<double[]> values = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
          sums.reserve(g + 1);
          sums.newGroup(g);
          double[] xs = new double[twoInOne && g == 150 ? 2 : 1];
          for (int i = 0; i < xs.length; i++) {
            xs[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 15);
            sums.add(g, new State.Value[] {value(xs[i])});
          }
          values.add(xs);
        }
        byte[] bytes = write(sums);
        assertThat(((DoubleSumStateColumn) read(bytes)).isSingles()).as("read as doubles")
            .isEqualTo(!twoInOne);
        StateColumn back = read(bytes);
        StateColumn twice = read(bytes);
        StateColumn other = read(bytes);
        for (int g = 0; g < GROUPS; g++) {
          twice.merge(g, other, g);
        }
        for (int g = 0; g < GROUPS; g++) {
          State once = new DoubleSumState(mean);
          State doubled = new DoubleSumState(mean);
          for (double x : values.get(g)) {
            once.add(value(x));
            doubled.add(value(x));
            doubled.add(value(x));
          }
          assertThat(back.result(g)).isEqualTo(once.result());
          assertThat(twice.result(g)).as("k%d twice", g).isEqualTo(doubled.result());
        }
      }
    }
  }

  private static byte[] write(StateColumn column) {
    Kryo kryo = Payloads.newKryo();
    try (Output out = new Output(256, -1)) {
      StateColumn.writeColumn(kryo, out, column, GROUPS);
      return out.toBytes();
    }
  }

  private static StateColumn read(byte[] bytes) {
    try (Input in = new Input(bytes)) {
      return StateColumn.readColumn(Payloads.newKryo(), in, GROUPS);
    }
  }

  private static State.Value value(double x) {
    State.Value v = new State.Value();
    v.asDouble = x;
    return v;
  }
}

package org.forkreduce.examples.dataframe.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Doubles.shortest against a naive BigDecimal search for short round-trip digits: the same text,
 * or one with fewer digits, or, of two of one length that read back, the closer to the exact
 * value.
 */
class DoublesTest {

  /** Drops digits of Java's form while the value still reads back; BigDecimal's text. */
  private static String naiveShortest(double d) {
    BigDecimal bd = new BigDecimal(Double.toString(d));
    for (int p = bd.precision() - 1; p >= 1; p--) {
      BigDecimal shorter = bd.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (shorter.doubleValue() != d) {
        break;
      }
      bd = shorter;
    }
    bd = bd.stripTrailingZeros();
    int exponent = bd.precision() - bd.scale() - 1;
    return exponent >= -7 && exponent < 21 ? bd.toPlainString() : bd.toString();
  }

  @Test
  void shortest_seededDoublesOfEveryScale_asShortAsNaiveSearchAndRoundTrips() {
    Random random = new Random(20261130);
    int differing = 0;
    for (int i = 0; i < 200_000; i++) {
      double d = switch (i % 4) {
        case 0 -> Double.longBitsToDouble(random.nextLong());
        case 1 -> (random.nextInt(200_000_000) - 100_000_000) / 1e6;
        case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
        default -> (double) (random.nextLong() >> random.nextInt(64));
      };
      if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
        continue;
      }
      String s = Doubles.shortest(d);
      assertThat(Double.parseDouble(s)).as(s).isEqualTo(d);
      String naive = naiveShortest(d);
      if (!s.equals(naive)) {
        // the naive search rounds Java 17's digits, so it can miss a shorter form that reads
        // back; of two forms of one length, the closer to the exact value wins
        int digits = new BigDecimal(s).stripTrailingZeros().precision();
        int naiveDigits = new BigDecimal(naive).stripTrailingZeros().precision();
        assertThat(digits).as("%s %s %s", d, s, naive).isLessThanOrEqualTo(naiveDigits);
        if (digits == naiveDigits) {
          BigDecimal exact = new BigDecimal(d);
          assertThat(new BigDecimal(s).subtract(exact).abs()).as("%s %s %s", d, s, naive)
              .isLessThanOrEqualTo(new BigDecimal(naive).subtract(exact).abs());
        }
        differing++;
      }
    }
    assertThat(differing).isLessThan(1000);
  }

  @Test
  void shortest_edges_plainOrScientificAsDocumented() {
    assertThat(Doubles.shortest(0.0)).isEqualTo("0");
    assertThat(Doubles.shortest(-0.0)).isEqualTo("-0");
    assertThat(Doubles.shortest(100)).isEqualTo("100");
    assertThat(Doubles.shortest(1234.5)).isEqualTo("1234.5");
    assertThat(Doubles.shortest(-0.001)).isEqualTo("-0.001");
    assertThat(Doubles.shortest(1e-7)).isEqualTo("0.0000001");
    assertThat(Doubles.shortest(1.5e-8)).isEqualTo("1.5E-8");
    assertThat(Doubles.shortest(1e20)).isEqualTo("100000000000000000000");
    assertThat(Doubles.shortest(1e21)).isEqualTo("1E+21");
    assertThat(Doubles.shortest(2e23)).isEqualTo("2E+23");
    assertThat(Doubles.shortest(Double.MIN_VALUE)).isEqualTo("4.9E-324");
    assertThat(Doubles.shortest(Double.MAX_VALUE)).isEqualTo("1.7976931348623157E+308");
    assertThat(Doubles.shortest(Double.NaN)).isEqualTo("NaN");
    assertThat(Doubles.shortest(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }
}

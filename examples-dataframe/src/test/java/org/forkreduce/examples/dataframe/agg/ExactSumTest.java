package org.forkreduce.examples.dataframe.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** ExactSum against exact BigDecimal arithmetic, and its independence of order and grouping. */
class ExactSumTest {

  @Provide
  Arbitrary<List<Double>> values() {
    Arbitrary<Double> mantissa = Arbitraries.doubles().between(-1, 1);
    Arbitrary<Integer> exponent = Arbitraries.integers().between(-60, 60);
    return mantissa.flatMap(m -> exponent.map(e -> Math.scalb(m, e))).list().ofMaxSize(60);
  }

  @Property(tries = 500, seed = "42")
  void value_randomDoubles_equalsCorrectlyRoundedExactSum(@ForAll("values") List<Double> xs) {
    ExactSum sum = new ExactSum();
    BigDecimal exact = BigDecimal.ZERO;
    for (double x : xs) {
      sum.add(x);
      exact = exact.add(new BigDecimal(x));
    }
    assertThat(sum.value()).isEqualTo(exact.doubleValue());
  }

  @Property(tries = 300, seed = "43")
  void value_anyOrderAndGrouping_sameBits(@ForAll("values") List<Double> xs) {
    ExactSum inOrder = new ExactSum();
    xs.forEach(inOrder::add);
    List<Double> shuffled = new ArrayList<>(xs);
    Collections.shuffle(shuffled, new Random(xs.size()));
    ExactSum merged = new ExactSum();
    ExactSum part = new ExactSum();
    for (int i = 0; i < shuffled.size(); i++) {
      part.add(shuffled.get(i));
      if (i % 7 == 6) {
        merged.addAll(part);
        part = new ExactSum();
      }
    }
    merged.addAll(part);
    assertThat(Double.doubleToLongBits(merged.value()))
        .isEqualTo(Double.doubleToLongBits(inOrder.value()));
  }

  @Provide
  Arbitrary<List<Double>> decimals() {
    Arbitrary<Double> decimal = Arbitraries.longs().between(-100_000_000L, 100_000_000L)
        .map(m -> m / 1e6);
    return decimal.list().ofMaxSize(200);
  }

  @Property(tries = 300, seed = "44")
  void value_csvLikeDecimals_equalsCorrectlyRoundedExactSum(
      @ForAll("decimals") List<Double> xs) {
    ExactSum sum = new ExactSum();
    ExactSum squares = new ExactSum();
    BigDecimal exact = BigDecimal.ZERO;
    BigDecimal exactSquares = BigDecimal.ZERO;
    for (double x : xs) {
      sum.add(x);
      squares.addProduct(x, x);
      exact = exact.add(new BigDecimal(x));
      exactSquares = exactSquares.add(new BigDecimal(x).multiply(new BigDecimal(x)));
    }
    assertThat(sum.value()).isEqualTo(exact.doubleValue());
    assertThat(squares.value()).isEqualTo(exactSquares.doubleValue());
  }

  /**
   * Products of factors from 2^-60 to 2^60, of either sign: whole in the window (one integer
   * product), or partly or wholly outside it (the rounded product and its error), and mixed.
   */
  @Property(tries = 500, seed = "45")
  void addProduct_randomFactors_equalsCorrectlyRoundedExactSumOfProducts(
      @ForAll("values") List<Double> xs, @ForAll("values") List<Double> ys) {
    ExactSum sum = new ExactSum();
    BigDecimal exact = BigDecimal.ZERO;
    for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) {
      sum.addProduct(xs.get(i), ys.get(i));
      exact = exact.add(new BigDecimal(xs.get(i)).multiply(new BigDecimal(ys.get(i))));
    }
    assertThat(sum.value()).isEqualTo(exact.doubleValue());
  }

  /** Enough whole products to carry across every limb, and to normalize on the way. */
  @Test
  void addWholeProduct_millionsOfProducts_equalsTheRoundedProductAndItsError() {
    Random random = new Random(46);
    ExactSum whole = new ExactSum();
    ExactSum split = new ExactSum();
    long[] a = new long[ExactSum.SIZE];
    for (int i = 0; i < 3_000_000; i++) {
      // factors from 2^-11 to 2^20: all the bits of a product between 2^-126 and 2^40
      double x = (random.nextDouble() + 0.5) * Math.scalb(random.nextBoolean() ? 1.0 : -1.0,
          random.nextInt(30) - 10);
      double y = random.nextBoolean() ? x : Math.copySign(1 + random.nextDouble() * 1e6, -x);
      assertThat(ExactSum.addWholeProduct(a, 0, x, y)).isTrue();
      double p = x * y;
      split.add(p);
      split.add(Math.fma(x, y, -p));
    }
    whole.load(a, 0, null);
    assertThat(Double.doubleToLongBits(whole.value()))
        .isEqualTo(Double.doubleToLongBits(split.value()));
  }

  @Test
  void value_millionsOfAddsAcrossLimbCarries_equalsShewchukExpansion() {
    Random random = new Random(7);
    ExactSum sum = new ExactSum();
    Expansion reference = new Expansion();
    for (int i = 0; i < 3_000_000; i++) {
      double x = switch (i % 1000) {
        case 0 -> Math.scalb(random.nextDouble(), 61);
        case 1 -> -Math.scalb(random.nextDouble(), 61);
        case 2 -> Math.scalb(random.nextDouble(), -120);
        case 3 -> 1e300 * (random.nextBoolean() ? 1 : -1);
        default -> (random.nextInt(200_000_000) - 100_000_000) / 1e6;
      };
      sum.add(x);
      reference.add(x);
    }
    assertThat(sum.value()).isEqualTo(reference.value());
  }

  @Test
  void value_cancellingTerms_keepsTheSmallOne() {
    ExactSum sum = new ExactSum();
    sum.add(1e100);
    sum.add(1.0);
    sum.add(-1e100);
    assertThat(sum.value()).isEqualTo(1.0);
    sum.add(-1.0);
    sum.add(Math.scalb(1.0, 61));
    sum.add(1e-40);
    sum.add(-Math.scalb(1.0, 61));
    assertThat(sum.value()).isEqualTo(1e-40);
  }

  @Test
  void value_halfwayTie_roundsByTheLowerPartials() {
    ExactSum sum = new ExactSum();
    sum.add(1.0);
    sum.add(Math.ulp(1.0) / 2);
    sum.add(Math.ulp(1.0) / 1024);
    assertThat(sum.value()).isEqualTo(1.0 + Math.ulp(1.0));
  }

  @Test
  void value_tiesInsideTheFixedPointWindow_roundToEvenUnlessLowerBitsDecide() {
    double half = Math.ulp(1.0) / 2;
    for (double sign : new double[] {1, -1}) {
      assertThat(sumOf(sign, sign * half)).isEqualTo(sign);
      assertThat(sumOf(sign, sign * half, sign * Math.scalb(1.0, -90)))
          .isEqualTo(sign * (1.0 + Math.ulp(1.0)));
      assertThat(sumOf(sign * (1.0 + Math.ulp(1.0)), sign * half))
          .isEqualTo(sign * (1.0 + 2 * Math.ulp(1.0)));
      assertThat(sumOf(sign * Math.scalb(1.0, 61), sign * Math.scalb(1.0, 61), sign * 3))
          .isEqualTo(sign * Math.scalb(1.0, 62));
    }
    assertThat(sumOf(5, -5)).isZero();
  }

  private static double sumOf(double... xs) {
    ExactSum sum = new ExactSum();
    for (double x : xs) {
      sum.add(x);
    }
    return sum.value();
  }

  @Test
  void value_nonFinite_propagates() {
    ExactSum sum = new ExactSum();
    sum.add(1.0);
    sum.add(Double.POSITIVE_INFINITY);
    assertThat(sum.value()).isEqualTo(Double.POSITIVE_INFINITY);
    sum.add(Double.NEGATIVE_INFINITY);
    assertThat(sum.value()).isNaN();
    assertThat(new ExactSum().value()).isZero();
  }

  @Test
  void moments_stddevOfLargeOffsetValues_exact() {
    MomentsState m = new MomentsState(false);
    for (double x : new double[] {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) {
      State.Value v = new State.Value();
      v.asDouble = x;
      m.add(v);
    }
    assertThat(m.result()).isEqualTo(30.0);
  }
}

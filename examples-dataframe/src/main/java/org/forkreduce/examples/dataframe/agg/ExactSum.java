package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.function.DoubleConsumer;

/**
 * A sum of doubles kept exactly and rounded once when read. The result is the correctly rounded
 * exact sum, so it does not depend on the order of adding or on how partial sums were grouped:
 * every engine, split size and worker count gives the same digits.
 *
 * <p>A value whose bits all lie between 2<sup>-128</sup> and 2<sup>62</sup> (any number a CSV
 * file is likely to hold, and the rounding errors of the squares of all but the tiniest of them:
 * the error of x·x has bits down to about x²·2<sup>-105</sup>) is added to a fixed-point integer
 * of seven 32-bit limbs without a branch on the data; any other value (tinier, huge, NaN,
 * infinite) goes to a Shewchuk {@link Expansion}, made the first time one comes.
 */
final class ExactSum {
  /** The weight of the lowest bit of limb 0 is 2<sup>-SCALE</sup>. */
  private static final int SCALE = 128;
  /** The highest position the lowest mantissa bit may take: the value's top bit is below 2^62. */
  private static final int MAX_POSITION = SCALE + 62 - 53;
  private static final long LIMB = 0xFFFF_FFFFL;
  /**
   * An add moves a limb by less than 2^34, so limbs cannot overflow if their carries are pushed
   * up (normalized) at least every 2^29 adds; this does it far more often.
   */
  private static final int NORMALIZE_EVERY = 1 << 20;

  private static final int LIMBS = 7;
  /** The longs a sum takes in an array: the limbs, then the adds since they were normalized. */
  static final int SIZE = LIMBS + 1;
  private static final int PENDING = LIMBS;

  /*
   * The fixed-point value is the sum of limb_k * 2^(32k - SCALE), limb k at a[k]. Between
   * normalizations a limb may hold any long; after one, limbs 0-5 hold 0..2^32-1 and limb 6 the
   * signed rest. A column of sums (StateColumn) keeps many such runs of SIZE longs in one array
   * and updates them with the static methods, so both add alike.
   */
  private final long[] a = new long[SIZE];
  /** The values outside the window, or null while there are none. */
  private Expansion rest;

  /** Writes the sum: the limbs, the adds since they were last normalized, the rest. */
  void write(Kryo kryo, Output out) {
    out.writeLongs(a, 0, SIZE, false);
    kryo.writeObjectOrNull(out, rest, Expansion.class);
  }

  /** Reads into this (new) sum what {@link #write} wrote. */
  void read(Kryo kryo, Input in) {
    System.arraycopy(in.readLongs(SIZE, false), 0, a, 0, SIZE);
    rest = kryo.readObjectOrNull(in, Expansion.class);
  }

  /**
   * Makes this the sum of {@link #SIZE} longs at {@code from[at...]} (as a column of sums keeps
   * them) with {@code rest}, which this sum now owns.
   */
  void load(long[] from, int at, Expansion rest) {
    System.arraycopy(from, at, a, 0, SIZE);
    this.rest = rest;
  }

  void add(double x) {
    rest = add(a, 0, rest, x);
  }

  /**
   * Adds {@code x} to the sum at {@code a[at, at + SIZE)} whose values outside the window are
   * {@code rest}; returns the rest, made if {@code x} is the first value outside.
   */
  static Expansion add(long[] a, int at, Expansion rest, double x) {
    return add(a, at, x) ? rest : addOutside(rest, x);
  }

  /**
   * Adds {@code x} to the fixed-point sum at {@code a[at, at + SIZE)}, if its bits lie in the
   * window; returns false, adding nothing, if they do not (then {@link #addOutside} takes it).
   */
  static boolean add(long[] a, int at, double x) {
    long bits = Double.doubleToRawLongBits(x);
    // position of the mantissa's lowest bit above 2^-SCALE; zero, subnormals, NaN and infinities
    // fall outside 0..MAX_POSITION
    int position = (int) (bits >>> 52 & 0x7FF) - 1075 + SCALE;
    if (position < 0 || position > MAX_POSITION) {
      return false;
    }
    long mantissa = bits & 0xF_FFFF_FFFF_FFFFL | 0x10_0000_0000_0000L;
    int shift = position & 31;
    long low = (mantissa & LIMB) << shift;
    long high = (mantissa >>> 32) << shift;
    long lo = low & LIMB;
    long mid = (low >>> 32) + (high & LIMB);
    long hi = high >>> 32;
    if (bits < 0) {
      lo = -lo;
      mid = -mid;
      hi = -hi;
    }
    int limb = at + Math.min(LIMBS - 3, position >>> 5);
    a[limb] += lo;
    a[limb + 1] += mid;
    a[limb + 2] += hi;
    if (++a[at + PENDING] == NORMALIZE_EVERY) {
      normalize(a, at);
    }
    return true;
  }

  /**
   * Adds a value outside the window to {@code rest} (made if null, returned); zero is no value.
   */
  static Expansion addOutside(Expansion rest, double x) {
    if (x == 0.0) {
      return rest;
    }
    Expansion e = rest == null ? new Expansion() : rest;
    if (Double.isFinite(x)) {
      e.add(x);
    } else {
      e.addSpecial(x);
    }
    return e;
  }

  /** Pushes each limb's carry into the next one; the value stays the same, so reads may too. */
  static void normalize(long[] a, int at) {
    for (int k = at; k < at + LIMBS - 1; k++) {
      a[k + 1] += a[k] >> 32;
      a[k] &= LIMB;
    }
    a[at + PENDING] = 0;
  }

  private void normalize() {
    normalize(a, 0);
  }

  /** Adds a long exactly: its high and low 32 bits, each a double exactly. */
  void addLong(long v) {
    if (v != 0) {
      add((double) (v >> 32) * 0x1p32);
      add((double) (v & 0xFFFF_FFFFL));
    }
  }

  /** Adds {@code a * b} exactly: the rounded product and its rounding error. */
  void addProduct(double x, double y) {
    rest = addProduct(a, 0, rest, x, y);
  }

  /** {@link #addProduct} of the sum at {@code a[at...]} with {@code rest}; returns the rest. */
  static Expansion addProduct(long[] a, int at, Expansion rest, double x, double y) {
    if (addWholeProduct(a, at, x, y)) {
      return rest;
    }
    double p = x * y;
    Expansion r = add(a, at, rest, p);
    return Double.isFinite(p) ? add(a, at, r, Math.fma(x, y, -p)) : r;
  }

  /**
   * Adds {@code x * y} to the fixed-point sum at {@code a[at, at + SIZE)} as the exact integer
   * product of the two mantissas (106 bits, from {@link Math#multiplyHigh}) at its place, if all
   * its bits lie in the window; returns false, adding nothing, if they do not or either factor
   * is zero, subnormal or not finite. One add instead of two (the rounded product and its
   * rounding error) and no fused multiply-add: the same exact sum, more cheaply.
   */
  static boolean addWholeProduct(long[] a, int at, double x, double y) {
    long xb = Double.doubleToRawLongBits(x);
    long yb = Double.doubleToRawLongBits(y);
    int xe = (int) (xb >>> 52 & 0x7FF);
    int ye = (int) (yb >>> 52 & 0x7FF);
    // the product's lowest bit above 2^-SCALE; it spans 106 bits, whose top must stay below 2^62
    int position = xe + ye - 2 * 1075 + SCALE;
    if (xe == 0 || ye == 0 || xe == 0x7FF || ye == 0x7FF || position < 0
        || position > MAX_POSITION - 53) {
      return false;
    }
    long xm = xb & 0xF_FFFF_FFFF_FFFFL | 0x10_0000_0000_0000L;
    long ym = yb & 0xF_FFFF_FFFF_FFFFL | 0x10_0000_0000_0000L;
    long lo = xm * ym;
    long hi = Math.multiplyHigh(xm, ym); // below 2^42
    int shift = position & 31;
    // the product shifted left by shift, as three words: below 2^(106 + 31)
    long w0 = lo << shift;
    long w1 = shift == 0 ? hi : hi << shift | lo >>> (64 - shift);
    long w2 = shift == 0 ? 0 : hi >>> (64 - shift);
    long sign = (xb ^ yb) < 0 ? -1 : 1;
    int limb = at + (position >>> 5);
    a[limb] += sign * (w0 & LIMB);
    a[limb + 1] += sign * (w0 >>> 32);
    a[limb + 2] += sign * (w1 & LIMB);
    a[limb + 3] += sign * (w1 >>> 32);
    a[limb + 4] += sign * w2;
    if (++a[at + PENDING] == NORMALIZE_EVERY) {
      normalize(a, at);
    }
    return true;
  }

  /**
   * Adds the sum at {@code b[bt, bt + SIZE)} to the one at {@code a[at, at + SIZE)}, limb by limb,
   * without making either an object; their rests are merged by {@link #addRest}. The adds since
   * a normalization add up too, so the limbs stay as safe from overflow as after that many adds.
   */
  static void addAll(long[] a, int at, long[] b, int bt) {
    for (int k = 0; k < LIMBS; k++) {
      a[at + k] += b[bt + k];
    }
    a[at + PENDING] += b[bt + PENDING];
    if (a[at + PENDING] >= NORMALIZE_EVERY) {
      normalize(a, at);
    }
  }

  /** The rest of two sums added: {@code mine} (made if null) with {@code theirs} added. */
  static Expansion addRest(Expansion mine, Expansion theirs) {
    if (theirs == null) {
      return mine;
    }
    Expansion e = mine == null ? new Expansion() : mine;
    e.addAll(theirs);
    return e;
  }

  void addAll(ExactSum other) {
    for (int k = 0; k < PENDING; k++) {
      a[k] += other.a[k];
    }
    normalize();
    rest = addRest(rest, other.rest);
  }

  /** Adds {@code this * factor} exactly to {@code target}. */
  void addScaledTo(ExactSum target, double factor) {
    forEachComponent(x -> target.addProduct(x, factor));
    target.rest = addOutside(target.rest, special() * factor);
  }

  /** Adds {@code -(this * other)} exactly to {@code target}. */
  void subtractProductTo(ExactSum target, ExactSum other) {
    forEachComponent(x -> other.forEachComponent(y -> target.addProduct(-x, y)));
    target.rest = addOutside(target.rest, -(special() * other.special()));
  }

  /** The exact sum rounded to the nearest double, ties to even (as {@code math.fsum}). */
  double value() {
    double special = special();
    if (special != 0.0 || Double.isNaN(special)) {
      return special;
    }
    if (rest == null) {
      return fixedValue();
    }
    Expansion e = new Expansion();
    forEachComponent(e::add);
    return e.value();
  }

  /** The fixed-point integer rounded to a double: its top 64 bits, the rest as a sticky bit. */
  private double fixedValue() {
    normalize();
    // the same integer in 64-bit words: w0 bits 0-63, w1 64-127, w2 128-191, w3 192-255
    long w0 = (a[1] << 32) | a[0];
    long w1 = (a[3] << 32) | a[2];
    long w2 = (a[5] << 32) | a[4];
    long w3 = a[6];
    boolean negative = w3 < 0;
    if (negative) { // two's complement negation across the words
      w0 = -w0;
      long borrow = w0 == 0 ? 0 : 1;
      w1 = ~w1 + 1 - borrow;
      borrow = w1 == 0 && borrow == 0 ? 0 : 1;
      w2 = ~w2 + 1 - borrow;
      borrow = w2 == 0 && borrow == 0 ? 0 : 1;
      w3 = ~w3 + 1 - borrow;
    }
    int top = w3 != 0 ? 3 : w2 != 0 ? 2 : w1 != 0 ? 1 : w0 != 0 ? 0 : -1;
    if (top < 0) {
      return 0.0;
    }
    long hi = top == 3 ? w3 : top == 2 ? w2 : top == 1 ? w1 : w0;
    long next = top == 3 ? w2 : top == 2 ? w1 : top == 1 ? w0 : 0;
    long below = top == 3 ? w1 | w0 : top == 2 ? w0 : 0;
    int lz = Long.numberOfLeadingZeros(hi);
    long m = lz == 0 ? hi : (hi << lz) | (next >>> (64 - lz));
    long lost = (lz == 0 ? next : next << lz) | below;
    m |= lost != 0 ? 1 : 0; // sticky: decides ties, as 64 bits keep the round bit exact
    double d = (double) ((m >>> 1) | (m & 1)) * 2.0; // m as unsigned, rounded once
    double v = Math.scalb(d, 64 * top - lz - SCALE);
    return negative ? -v : v;
  }

  private double special() {
    return rest == null ? 0.0 : rest.special();
  }

  /**
   * Hands on finite doubles whose exact sum is this sum's finite part: each limb scaled by its
   * weight (exact, as a limb fits 32 bits once normalized; the signed top limb goes in two
   * halves), then the partials of the rest.
   */
  private void forEachComponent(DoubleConsumer action) {
    normalize();
    long[] limbs = {a[0], a[1], a[2], a[3], a[4], a[5], a[6] & LIMB, a[6] >> 32};
    for (int k = 0; k < limbs.length; k++) {
      if (limbs[k] != 0) {
        action.accept(Math.scalb((double) limbs[k], 32 * k - SCALE));
      }
    }
    if (rest != null) {
      rest.forEachPartial(action);
    }
  }
}

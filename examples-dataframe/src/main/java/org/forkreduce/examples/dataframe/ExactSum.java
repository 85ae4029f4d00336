package org.forkreduce.examples.dataframe;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import java.util.function.DoubleConsumer;

/**
 * A sum of doubles kept exactly and rounded once when read. The result is the correctly rounded
 * exact sum, so it does not depend on the order of adding or on how partial sums were grouped:
 * every engine, split size and worker count gives the same digits.
 *
 * <p>A value whose bits all lie between 2<sup>-96</sup> and 2<sup>62</sup> (any number a CSV
 * file is likely to hold, and the rounding errors of their products) is added to a fixed-point
 * integer of six 32-bit limbs without a branch on the data; any other value (tiny, huge, NaN,
 * infinite) goes to a Shewchuk {@link Expansion}, made the first time one comes.
 */
final class ExactSum {
  /** The weight of the lowest bit of limb 0 is 2<sup>-SCALE</sup>. */
  private static final int SCALE = 96;
  /** The highest position the lowest mantissa bit may take: the value's top bit is below 2^62. */
  private static final int MAX_POSITION = SCALE + 62 - 53;
  private static final long LIMB = 0xFFFF_FFFFL;
  /**
   * An add moves a limb by less than 2^34, so limbs cannot overflow if their carries are pushed
   * up (normalized) at least every 2^29 adds; this does it far more often.
   */
  private static final int NORMALIZE_EVERY = 1 << 20;

  /*
   * The fixed-point value is the sum of limb_k * 2^(32k - 96). Between normalizations a limb may
   * hold any long; after one, limbs 0-4 hold 0..2^32-1 and limb 5 the signed rest.
   */
  private long l0;
  private long l1;
  private long l2;
  private long l3;
  private long l4;
  private long l5;
  private int pending;
  /** The values outside the window, or null while there are none. */
  private Expansion rest;

  /** Writes the sum: the limbs, the adds since they were last normalized, the rest. */
  void write(Kryo kryo, Output out) {
    out.writeVarLong(l0, false);
    out.writeVarLong(l1, false);
    out.writeVarLong(l2, false);
    out.writeVarLong(l3, false);
    out.writeVarLong(l4, false);
    out.writeVarLong(l5, false);
    out.writeVarInt(pending, true);
    kryo.writeObjectOrNull(out, rest, Expansion.class);
  }

  /** Reads into this (new) sum what {@link #write} wrote. */
  void read(Kryo kryo, Input in) {
    l0 = in.readVarLong(false);
    l1 = in.readVarLong(false);
    l2 = in.readVarLong(false);
    l3 = in.readVarLong(false);
    l4 = in.readVarLong(false);
    l5 = in.readVarLong(false);
    pending = in.readVarInt(true);
    rest = kryo.readObjectOrNull(in, Expansion.class);
  }

  /** The number of longs {@link #store} writes. */
  static final int LIMBS = 6;

  /**
   * Writes the fixed-point part, normalized, to {@code a[at, at + LIMBS)}; the values outside
   * the window are {@link #rest()}.
   */
  void store(long[] a, int at) {
    normalize();
    a[at] = l0;
    a[at + 1] = l1;
    a[at + 2] = l2;
    a[at + 3] = l3;
    a[at + 4] = l4;
    a[at + 5] = l5;
  }

  /** Makes this the sum {@link #store} wrote, with {@code rest}, which this sum now owns. */
  void load(long[] a, int at, Expansion rest) {
    l0 = a[at];
    l1 = a[at + 1];
    l2 = a[at + 2];
    l3 = a[at + 3];
    l4 = a[at + 4];
    l5 = a[at + 5];
    pending = 0;
    this.rest = rest;
  }

  /** The values outside the fixed-point window, or null while there are none. */
  Expansion rest() {
    return rest;
  }

  void add(double x) {
    long bits = Double.doubleToRawLongBits(x);
    // position of the mantissa's lowest bit above 2^-96; zero, subnormals, NaN and infinities
    // fall outside 0..MAX_POSITION
    int position = (int) (bits >>> 52 & 0x7FF) - 1075 + SCALE;
    if (position < 0 || position > MAX_POSITION) {
      addOutside(x);
      return;
    }
    long mantissa = bits & 0xF_FFFF_FFFF_FFFFL | 0x10_0000_0000_0000L;
    int shift = position & 31;
    long low = (mantissa & LIMB) << shift;
    long high = (mantissa >>> 32) << shift;
    long a = low & LIMB;
    long b = (low >>> 32) + (high & LIMB);
    long c = high >>> 32;
    if (bits < 0) {
      a = -a;
      b = -b;
      c = -c;
    }
    switch (position >>> 5) {
      case 0 -> {
        l0 += a;
        l1 += b;
        l2 += c;
      }
      case 1 -> {
        l1 += a;
        l2 += b;
        l3 += c;
      }
      case 2 -> {
        l2 += a;
        l3 += b;
        l4 += c;
      }
      default -> {
        l3 += a;
        l4 += b;
        l5 += c;
      }
    }
    if (++pending == NORMALIZE_EVERY) {
      normalize();
    }
  }

  private void addOutside(double x) {
    if (x == 0.0) {
      return;
    }
    if (Double.isFinite(x)) {
      ensureRest().add(x);
    } else {
      ensureRest().addSpecial(x);
    }
  }

  private Expansion ensureRest() {
    if (rest == null) {
      rest = new Expansion();
    }
    return rest;
  }

  /** Pushes each limb's carry into the next one; the value stays the same, so reads may too. */
  private void normalize() {
    l1 += l0 >> 32;
    l0 &= LIMB;
    l2 += l1 >> 32;
    l1 &= LIMB;
    l3 += l2 >> 32;
    l2 &= LIMB;
    l4 += l3 >> 32;
    l3 &= LIMB;
    l5 += l4 >> 32;
    l4 &= LIMB;
    pending = 0;
  }

  /** Adds a long exactly: its high and low 32 bits, each a double exactly. */
  void addLong(long v) {
    if (v != 0) {
      add((double) (v >> 32) * 0x1p32);
      add((double) (v & 0xFFFF_FFFFL));
    }
  }

  /** Adds {@code a * b} exactly: the rounded product and its rounding error. */
  void addProduct(double a, double b) {
    double p = a * b;
    add(p);
    if (Double.isFinite(p)) {
      add(Math.fma(a, b, -p));
    }
  }

  void addAll(ExactSum other) {
    l0 += other.l0;
    l1 += other.l1;
    l2 += other.l2;
    l3 += other.l3;
    l4 += other.l4;
    l5 += other.l5;
    normalize();
    if (other.rest != null) {
      ensureRest().addAll(other.rest);
    }
  }

  /** Adds {@code this * factor} exactly to {@code target}. */
  void addScaledTo(ExactSum target, double factor) {
    forEachComponent(x -> target.addProduct(x, factor));
    target.addOutside(special() * factor);
  }

  /** Adds {@code -(this * other)} exactly to {@code target}. */
  void subtractProductTo(ExactSum target, ExactSum other) {
    forEachComponent(x -> other.forEachComponent(y -> target.addProduct(-x, y)));
    target.addOutside(-(special() * other.special()));
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
    long w0 = (l1 << 32) | l0;
    long w1 = (l3 << 32) | l2;
    long w2 = (l5 << 32) | l4;
    long w3 = l5 >> 32;
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
    long[] limbs = {l0, l1, l2, l3, l4, l5 & LIMB, l5 >> 32};
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

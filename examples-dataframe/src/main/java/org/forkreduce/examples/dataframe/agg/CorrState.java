package org.forkreduce.examples.dataframe.agg;

import com.esotericsoftware.kryo.kryo5.DefaultSerializer;
import org.forkreduce.examples.dataframe.ColumnType;

/** Pearson correlation from co-moments, merged by Chan's formula. */
@DefaultSerializer(StateSerde.class)
final class CorrState extends State {
  long n;
  final ExactSum sx = new ExactSum();
  final ExactSum sy = new ExactSum();
  final ExactSum sxx = new ExactSum();
  final ExactSum syy = new ExactSum();
  final ExactSum sxy = new ExactSum();
  double pendingX;
  /** Whether pendingX came from a long column and holds that long exactly. */
  private boolean pendingIsLong;
  /**
   * The five sums of the pairs added as longs, exactly, while they fit: part of the sums
   * above, settled into them before those are read. Such a pair costs a few integer
   * operations instead of eight exact double additions. Longs beyond 2^53 take the double
   * path, as they always did, so the result is the same to the last bit either way.
   */
  private long lx;
  private long ly;
  private long lxx;
  private long lyy;
  private long lxy;
  private boolean overflowed;

  /** The five sums, in the order they are written, with the long pairs settled in. */
  ExactSum[] sums() {
    settle();
    return new ExactSum[] {sx, sy, sxx, syy, sxy};
  }

  private void settle() {
    sx.addLong(lx);
    sy.addLong(ly);
    sxx.addLong(lxx);
    syy.addLong(lyy);
    sxy.addLong(lxy);
    lx = ly = lxx = lyy = lxy = 0;
  }

  /** Adds the pair to the long sums; false, changing nothing, if a sum would overflow. */
  private boolean addLongs(long x, long y) {
    try {
      long nx = Math.addExact(lx, x);
      long ny = Math.addExact(ly, y);
      long nxx = Math.addExact(lxx, Math.multiplyExact(x, x));
      long nyy = Math.addExact(lyy, Math.multiplyExact(y, y));
      long nxy = Math.addExact(lxy, Math.multiplyExact(x, y));
      lx = nx;
      ly = ny;
      lxx = nxx;
      lyy = nyy;
      lxy = nxy;
      n++;
      return true;
    } catch (ArithmeticException e) {
      overflowed = true; // values this large take the double path from now on
      return false;
    }
  }

  private static boolean exactDouble(Value v) {
    return v.type == ColumnType.LONG && v.asLong >= -(1L << 53) && v.asLong <= 1L << 53;
  }

  /** Corr takes two values: x first, then y. */
  void addPair(double x, double y) {
    n++;
    sx.add(x);
    sy.add(y);
    sxx.addProduct(x, x);
    syy.addProduct(y, y);
    sxy.addProduct(x, y);
  }

  @Override
  public void add(Value v) {
    pendingX = v.asDouble;
    pendingIsLong = !overflowed && exactDouble(v);
  }

  void addY(Value v) {
    if (!pendingIsLong || !exactDouble(v) || !addLongs((long) pendingX, v.asLong)) {
      addPair(pendingX, v.asDouble);
    }
  }

  @Override
  public void merge(State o) {
    CorrState b = (CorrState) o;
    settle();
    b.settle();
    n += b.n;
    sx.addAll(b.sx);
    sy.addAll(b.sy);
    sxx.addAll(b.sxx);
    syy.addAll(b.syy);
    sxy.addAll(b.sxy);
  }

  @Override
  public Object result() {
    if (n < 2) {
      return null;
    }
    settle();
    double vx = centered(n, sxx, sx, sx);
    double vy = centered(n, syy, sy, sy);
    if (vx <= 0 || vy <= 0) {
      return null;
    }
    return centered(n, sxy, sx, sy) / Math.sqrt(vx * vy);
  }
}

package org.forkreduce;

import java.io.Serializable;

/**
 * A byte range of one file: the unit of work handed to a worker. A split owns the records that
 * <em>start</em> in {@code [start, start + length)}; it reads past its end to finish its last one.
 *
 * @param path the file, as an absolute path string (portable across JVMs)
 * @param start the first byte of the range
 * @param length the number of bytes in the range
 * @param fileLength the whole file's size in bytes, when the split was planned
 * @param modified the file's modification time when the split was planned, in nanoseconds since
 *     the epoch, or {@link #UNRECORDED}; the split's reader fails if the file's size or
 *     modification time differs when it has read the split
 * @param compressed true for a gzip file read whole (then the range covers the compressed file)
 * @param meta what the input format planned for this split (a CSV file's header), or null
 */
public record Split(String path, long start, long length, long fileLength, long modified,
    boolean compressed, Serializable meta) implements Serializable {

  /** The {@link #modified} of a split whose file's time was not recorded: only shrinking is seen. */
  public static final long UNRECORDED = Long.MIN_VALUE;

  /** A split without format data or modification time. */
  public Split(String path, long start, long length, long fileLength, boolean compressed) {
    this(path, start, length, fileLength, UNRECORDED, compressed, null);
  }

  /** A split without modification time. */
  public Split(String path, long start, long length, long fileLength, boolean compressed,
      Serializable meta) {
    this(path, start, length, fileLength, UNRECORDED, compressed, meta);
  }

  public Split {
    if (start < 0 || length < 0 || start + length > fileLength) {
      throw new IllegalArgumentException(
          "split range [" + start + ", " + (start + length) + ") must lie within the file's "
              + fileLength + " bytes: " + path);
    }
  }

  /**
   * Whether the range was cut without proof that its ends are record boundaries (its meta is
   * {@link Unproven}): the input skipped the scan that proves them, and the split's reader fails
   * on anything that could make a cut wrong (for CSV, any quote). A task failing on such a split
   * may have read a record cut apart, so the engine plans again with proof and reruns the job.
   */
  public boolean speculative() {
    return meta instanceof Unproven;
  }

  /** The first byte after the range. */
  public long end() {
    return start + length;
  }

  @Override
  public String toString() {
    return path + " bytes [" + start + ", " + end() + ")" + (compressed ? " (gzip, whole file)" : "");
  }

  /**
   * The meta of a split cut where its input has not proven a record boundary
   * ({@link Split#speculative()}): what the input planned for it, which its reader unwraps.
   *
   * @param meta what the input would have planned for the split had it proven the cut
   */
  public record Unproven(Serializable meta) implements Serializable {}
}

package org.forkreduce.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.OutputStreamWriter;
import java.io.Writer;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.datasets.ZipfCorpus;

/**
 * The benchmarks' data, from the datasets module: reused when a file of the same parameters
 * exists and still matches the checksum recorded when it was generated.
 */
final class Corpus {
  private static final long SEED = 42;

  private Corpus() {}

  /** The Zipf text corpus of about {@code bytes}. */
  static Path text(Path dir, long bytes) throws IOException {
    return ensure(dir.resolve("zipf-" + bytes + "-seed" + SEED + ".txt"), out ->
        new ZipfCorpus(ZipfCorpus.VOCABULARY, ZipfCorpus.EXPONENT, SEED).write(out, bytes, SEED));
  }

  /** The G1 table with {@code rows} rows and 100 groups, no NAs, unsorted. */
  static Path g1(Path dir, long rows) throws IOException {
    return g1(dir, rows, false);
  }

  /**
   * The G1 table as {@link #g1(Path, long)}; with {@code reuseUnchecked}, a file of that name
   * without a recorded checksum (as {@code bin/datasets g1 --rows N --output DIR} writes it,
   * with the same seed) is reused as it is rather than generated again.
   */
  static Path g1(Path dir, long rows, boolean reuseUnchecked) throws IOException {
    G1Table table = new G1Table(rows, 100, 0, false);
    Path file = dir.resolve(table.fileName());
    if (reuseUnchecked && Files.isRegularFile(file)
        && !Files.exists(file.resolveSibling(file.getFileName() + ".sha256"))) {
      System.err.println("benchmarks: reusing " + file + " (no checksum recorded)");
      return file;
    }
    return ensure(file, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
      table.write(w, SEED);
      w.flush();
    });
  }

  private interface Generator {
    void write(OutputStream out) throws IOException;
  }

  /** Reuses {@code file} when its recorded checksum still matches, else generates it. */
  private static Path ensure(Path file, Generator generator) throws IOException {
    Files.createDirectories(file.getParent());
    Path sum = file.resolveSibling(file.getFileName() + ".sha256");
    if (Files.exists(file) && Files.exists(sum)
        && Files.readString(sum, StandardCharsets.US_ASCII).strip().equals(sha256(file))) {
      System.err.println("benchmarks: reusing " + file + " (checksum matches)");
      return file;
    }
    System.err.println("benchmarks: generating " + file + " ...");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      generator.write(out);
    }
    Files.writeString(sum, sha256(file) + "\n", StandardCharsets.US_ASCII);
    return file;
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

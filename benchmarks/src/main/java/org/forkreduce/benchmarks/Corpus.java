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
import org.forkreduce.datasets.ZipfCorpus;

/**
 * The benchmark's text: a Zipf corpus from the datasets module, reused when a file of the same
 * size and seed exists and still matches the checksum recorded when it was generated.
 */
final class Corpus {
  private static final long SEED = 42;

  private Corpus() {}

  static Path ensure(Path dir, long bytes) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("zipf-" + bytes + "-seed" + SEED + ".txt");
    Path sum = dir.resolve(file.getFileName() + ".sha256");
    if (Files.exists(file) && Files.exists(sum)
        && Files.readString(sum, StandardCharsets.US_ASCII).strip().equals(sha256(file))) {
      System.err.println("benchmarks: reusing " + file + " (checksum matches)");
      return file;
    }
    System.err.println("benchmarks: generating " + file + " ...");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      new ZipfCorpus(ZipfCorpus.VOCABULARY, ZipfCorpus.EXPONENT, SEED).write(out, bytes, SEED);
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

package org.forkreduce.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Damage done to partial files after a worker wrote them, before anyone reads them. */
final class Corruption {
  private static final long WAIT_MILLIS = 20_000;

  private Corruption() {}

  /** The ways a file is damaged; the seed picks one. */
  enum Kind { FLIP_BYTE, TRUNCATE_HALF, TRUNCATE_EMPTY, APPEND_GARBAGE }

  /**
   * Waits for the other worker's partial files in the job directory under {@code root} (this
   * worker, flushing, has not written its own yet), then damages each as the seed says.
   */
  static void damageOtherPartials(Path root, Random random) throws IOException,
      InterruptedException {
    List<Path> partials = awaitPartials(root);
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    for (Path p : partials) {
      damage(p, kind, random);
    }
    System.err.println("fault: " + kind + " on " + partials);
  }

  /** Waits for partial files in a job directory under {@code root}; returns them. */
  static List<Path> awaitPartials(Path root) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<Path> found = new ArrayList<>();
      for (Path job : Faults.jobDirs(root)) {
        try (var s = Files.list(job)) {
          s.filter(p -> p.getFileName().toString().startsWith("partial-")).forEach(found::add);
        }
      }
      if (!found.isEmpty()) {
        Thread.sleep(300); // let the writer finish the files it has begun
        return found;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no partial file of the other worker appeared in " + root);
  }

  static void damage(Path file, Kind kind, Random random) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] bad = switch (kind) {
      case FLIP_BYTE -> flip(bytes, random);
      case TRUNCATE_HALF -> Arrays.copyOf(bytes, bytes.length / 2);
      case TRUNCATE_EMPTY -> new byte[0];
      case APPEND_GARBAGE -> Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(64));
    };
    Files.write(file, bad);
  }

  private static byte[] flip(byte[] bytes, Random random) {
    byte[] bad = bytes.clone();
    if (bad.length > 0) {
      bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
    }
    return bad;
  }
}

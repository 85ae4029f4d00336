package org.forkreduce;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The third-party files in {@code ../shared/data}; tests that use them skip when it is absent. */
public final class SharedData {
  private SharedData() {}

  /** The folder, or a skipped test when it is not beside the repository. */
  public static Path dir() {
    String configured = System.getProperty("forkreduce.sharedData");
    Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/data");
    assumeTrue(Files.isDirectory(dir), "shared data folder absent: " + dir.toAbsolutePath());
    return dir;
  }
}

package org.forkreduce.examples.wordcount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite's full-disk trials (the rest is the framework's FaultInjectionTest):
 * a word count on processes(2) whose output, or whose job directory, is on a 1 MB tmpfs that
 * fills up ends with exit 1, one line naming the path, and nothing left on the small disk. Needs
 * to mount a tmpfs (root); skipped with the reason where it cannot.
 */
@Tag("faults")
class DiskFullFaultsTest {
  @TempDir Path dir;

  /** 200,000 distinct words: more than 1 MB as output, and as partial files. */
  private Path manyWords() throws IOException {
    return manyWords(200_000);
  }

  private Path manyWords(int words) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append("word").append(i).append(i % 10 == 9 ? '\n' : ' ');
    }
    return Files.writeString(dir.resolve("in.txt"), sb, UTF_8);
  }

  private static int sh(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }

  /** Runs {@code trial} with a 1 MB tmpfs mounted at a new directory, unmounted after. */
  private void onSmallDisk(SmallDiskTrial trial) throws Exception {
    Path small = Files.createDirectory(dir.resolve("small"));
    int mounted = sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString());
    if (mounted != 0) {
      System.out.println("DiskFullFaultsTest skipped: cannot mount a tmpfs (mount exit "
          + mounted + "; needs root)");
      Assumptions.abort("cannot mount a tmpfs here");
    }
    try {
      trial.run(small);
    } finally {
      // a file just closed can keep the mount busy for a moment
      for (int i = 0; i < 20 && sh("umount", small.toString()) != 0; i++) {
        Thread.sleep(200);
      }
      sh("umount", "-l", small.toString());
    }
  }

  @FunctionalInterface
  private interface SmallDiskTrial {
    void run(Path small) throws Exception;
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void output_diskFills_exit1NamingThePathAndNoPartialOutput() throws Exception {
    Path input = manyWords();
    onSmallDisk(small -> {
      Path out = small.resolve("out");
      WordCountCliTest.Run run = WordCountCliTest.run("--engine", "processes", "--workers", "2",
          "--top", "0", "--output", out.toString(), input.toString());
      assertThat(run.code()).as(run.err()).isEqualTo(1);
      assertThat(run.err().lines().findFirst().orElse("")).contains(out.toString())
          .contains("No space left");
      assertThat(names(small)).as("no output, no temporary output").isEmpty();
    });
  }

  @Test
  void jobDirectory_diskFills_exit1NamingThePathAndNoLeftovers() throws Exception {
    Path input = manyWords();
    String tmpdir = System.getProperty("java.io.tmpdir");
    onSmallDisk(small -> {
      System.setProperty("java.io.tmpdir", small.toString());
      try {
        WordCountCliTest.Run run = WordCountCliTest.run("--engine", "processes", "--workers",
            "2", "--split-size", "256k", "--top", "3", input.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().findFirst().orElse("")).contains(small.toString())
            .contains("No space left");
        assertThat(run.out()).as("no result before the job succeeded").isEmpty();
        assertThat(names(small)).as("job directory removed").isEmpty();
      } finally {
        System.setProperty("java.io.tmpdir", tmpdir);
      }
    });
  }

  @Test
  void spill_diskFills_exit1NamingTheDirectoryAndNoLeftovers() throws Exception {
    // 600,000 distinct words against a 19 MB budget (--memory 48m): each worker's table passes
    // it mid-task and is spilled, a run larger than the small disk
    Path input = manyWords(600_000);
    String tmpdir = System.getProperty("java.io.tmpdir");
    onSmallDisk(small -> {
      System.setProperty("java.io.tmpdir", small.toString());
      try {
        WordCountCliTest.Run run = WordCountCliTest.run("--engine", "processes", "--workers",
            "2", "--memory", "48m", "--split-size", "512k", "--top", "3", input.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().findFirst().orElse("")).contains("cannot spill")
            .contains(small.toString()).contains("No space left");
        assertThat(run.out()).as("no result before the job succeeded").isEmpty();
        assertThat(names(small)).as("job directory removed").isEmpty();
      } finally {
        System.setProperty("java.io.tmpdir", tmpdir);
      }
    });
  }
}

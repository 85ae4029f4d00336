package org.forkreduce.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.forkreduce.Emitter;
import org.forkreduce.Engine;
import org.forkreduce.Inputs;
import org.forkreduce.Job;
import org.forkreduce.JobFailedException;
import org.forkreduce.Jobs;
import org.forkreduce.Mapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs changed while their splits are read, on worker processes: each fails the job naming
 * the file and the change, once (not retried as a death), never a result of fewer bytes.
 */
class ChangedInputTest {
  /** Larger than any reader's buffer, so a truncation at the first record is met while read. */
  private static final int LINES = 300_000;

  @TempDir Path dir;

  /** Changes its input file on the first record it maps: truncate, grow or touch. */
  static final class ChangingMapper implements Mapper<String, String, Long> {
    private final String file;
    private final String change;
    private transient boolean changed;

    ChangingMapper(Path file, String change) {
      this.file = file.toString();
      this.change = change;
    }

    @Override
    public void map(String line, Emitter<String, Long> out) throws Exception {
      if (!changed) {
        changed = true;
        Path path = Path.of(file);
        switch (change) {
          case "truncate" -> {
            try (RandomAccessFile f = new RandomAccessFile(file, "rw")) {
              f.setLength(f.length() / 2);
            }
          }
          case "grow" -> Files.writeString(path, "more words\n", StandardOpenOption.APPEND);
          default -> Files.setLastModifiedTime(path, FileTime.fromMillis(86_400_000L));
        }
      }
      new Jobs.TokenCount().map(line, out);
    }
  }

  private Path text() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < LINES; i++) {
      sb.append("w").append(i % 97).append(" x").append(i % 13).append('\n');
    }
    return Files.writeString(dir.resolve("in.txt"), sb, UTF_8);
  }

  private void assertFails(String change, String... expected) throws IOException {
    Path file = text();
    long size = Files.size(file);
    try (Engine engine = Engine.processes(2)) {
      Job<String, String, Long> job = Job.of(Inputs.textLines(file))
          .mapper(new ChangingMapper(file, change)).reducer(Long::sum).splitSize(size);
      assertThatThrownBy(() -> job.run(engine))
          .isInstanceOf(JobFailedException.class)
          .hasMessageContaining(file.toString())
          .hasMessageContainingAll(expected)
          .hasMessageNotContaining("tried");
    }
  }

  @Test
  void run_inputTruncatedMidRead_failsNamingTheFileAndWhereItEnded() throws IOException {
    assertFails("truncate", "shrank while it was read", "bytes when planned");
  }

  @Test
  void run_inputGrownMidRead_failsNamingTheFileAndBothSizes() throws IOException {
    assertFails("grow", "changed during the job", "bytes when planned, now ");
  }

  @Test
  void run_inputTouchedMidRead_failsNamingTheModificationTimes() throws IOException {
    assertFails("touch", "changed during the job", "when planned, now at 1970-01-02T00:00:00Z",
        "same size");
  }
}

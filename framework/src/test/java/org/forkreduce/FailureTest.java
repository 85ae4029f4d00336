package org.forkreduce;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one mapping from what went wrong to the line and the exit code the command lines show. */
class FailureTest {
  @TempDir Path dir;

  @Test
  void of_driverOutOfMemoryInsideAJob_oneLineNamingTheDriverHeapAndTheFix() {
    Failure f = Failure.of(new JobFailedException("Job failed on inline: split x",
        new OutOfMemoryError("Java heap space")));
    long heapMb = Runtime.getRuntime().maxMemory() >> 20;
    assertThat(f.exitCode()).isEqualTo(Failure.EXIT_FAILED);
    assertThat(f.message()).startsWith("out of memory in the driver JVM (heap ")
        .contains(String.format(java.util.Locale.ROOT, "%,d MB", heapMb)).contains("-Xmx")
        .contains("--engine processes").doesNotContain("\n");
  }

  @Test
  void of_workerOutOfMemory_theWorkersOwnLine() {
    String line = "out of memory in worker 1 (pid 42), heap -Xmx32m (exit code 3): raise it";
    Failure f = Failure.of(new JobFailedException("Job failed on processes: split x was tried"
        + " 3 times", new WorkerDiedException("worker 1 (pid 42) ran out of memory", 3, line)));
    assertThat(f).isEqualTo(new Failure(line, Failure.EXIT_FAILED));
  }

  @Test
  void of_diskFullNamedByTheWriter_oneLineWithPathAndFreeSpace() {
    Path part = dir.resolve("out/part-00000");
    IOException named = Failure.naming(part, new IOException("No space left on device"));
    Failure f = Failure.of(new JobFailedException("Job failed on inline: writing", named));
    assertThat(named).isInstanceOf(FileSystemException.class);
    assertThat(f.exitCode()).isEqualTo(Failure.EXIT_FAILED);
    assertThat(f.message()).startsWith("disk full: " + part + ": No space left on device (")
        .containsPattern("[\\d,]+ bytes free of [\\d,]+").contains("Free space there");
  }

  @Test
  void naming_otherIoErrors_unchanged() {
    IOException e = new IOException("Broken pipe");
    assertThat(Failure.naming(dir, e)).isSameAs(e);
  }

  @Test
  void of_diskFullInAWorker_theRemoteMessage() {
    RemoteTaskException remote = new RemoteTaskException("java.nio.file.FileSystemException",
        "/tmp/job/partial-0-1.seg0: No space left on device (0 bytes free of 1,048,576; it needs"
            + " more than that)", "worker 0 (pid 7)", null, null);
    Failure f = Failure.of(new JobFailedException("Job failed on processes: x", remote));
    assertThat(f.exitCode()).isEqualTo(Failure.EXIT_FAILED);
    assertThat(f.message()).startsWith("disk full: /tmp/job/partial-0-1.seg0: No space left");
  }

  @Test
  void of_inputErrorsAnywhereInTheChain_exitTwoWithTheirOwnMessage() {
    InputException local = new InputException("Bad CSV record in a.csv at line 3\n(byte 8)");
    RemoteTaskException remote = new RemoteTaskException(InputException.class.getName(),
        "Bad CSV record in a.csv at line 3", "worker 0 (pid 7)", "split a.csv", null);
    assertThat(Failure.of(local))
        .isEqualTo(new Failure("Bad CSV record in a.csv at line 3 (byte 8)", 2));
    assertThat(Failure.of(new JobFailedException("Job failed on inline: x", local)).exitCode())
        .isEqualTo(2);
    assertThat(Failure.of(new JobFailedException("Job failed on processes: x", remote)))
        .isEqualTo(new Failure("Bad CSV record in a.csv at line 3", 2));
  }

  @Test
  void of_usageAndJobFailures_twoAndOne() {
    assertThat(Failure.of(new IllegalArgumentException("--top must be 0 or more")).exitCode())
        .isEqualTo(2);
    assertThat(Failure.of(new OutputExistsException("out exists")).exitCode()).isEqualTo(2);
    Failure bug = Failure.of(new JobFailedException("Job failed on inline: split a.txt",
        new IllegalArgumentException("user bug")));
    assertThat(bug).isEqualTo(new Failure("Job failed on inline: split a.txt", 1));
  }

  @Test
  void report_verboseOrNot_oneLineThenTheTraceOnlyIfVerbose() {
    Exception e = new JobFailedException("Job failed", new IllegalStateException("boom"));
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    assertThat(Failure.report("prog", e, false, new PrintStream(quiet, true, UTF_8)))
        .isEqualTo(1);
    assertThat(quiet.toString(UTF_8)).isEqualTo("prog: Job failed" + System.lineSeparator());
    ByteArrayOutputStream verbose = new ByteArrayOutputStream();
    Failure.report("prog", e, true, new PrintStream(verbose, true, UTF_8));
    assertThat(verbose.toString(UTF_8)).startsWith("prog: Job failed")
        .contains("Caused by: java.lang.IllegalStateException: boom");
  }

  /** Keeps every line it sees: a table that outgrows any small heap. */
  static final class Hoarder implements Mapper<String, String, Long> {
    private transient List<byte[]> hoard;

    @Override
    public void map(String line, Emitter<String, Long> out) {
      if (hoard == null) {
        hoard = new ArrayList<>();
      }
      hoard.add(new byte[1 << 20]);
      out.emit(line, 1L);
    }
  }

  @Test
  void of_workerRanOutOfMemory_oneLineNamingWorkerPidAndHeap() throws IOException {
    Path file = Files.writeString(dir.resolve("in.txt"), "x\n".repeat(200), UTF_8);
    WorkerOptions options = WorkerOptions.defaults().workers(1).heap("32m").maxAttempts(1);
    Throwable thrown;
    try (Engine engine = Engine.processes(options)) {
      thrown = catchThrowable(() -> Job.of(Inputs.textLines(file)).mapper(new Hoarder())
          .reducer(Long::sum).run(engine));
    }
    Failure f = Failure.of(thrown);
    assertThat(f.exitCode()).isEqualTo(Failure.EXIT_FAILED);
    assertThat(f.message()).matches("out of memory in worker 0 \\(pid \\d+\\), heap -Xmx32m"
        + " \\(exit code \\d+\\): raise the worker heap .*--workers\\)");
  }
}

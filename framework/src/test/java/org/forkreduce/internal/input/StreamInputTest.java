package org.forkreduce.internal.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.forkreduce.CsvOptions;
import org.forkreduce.CsvRow;
import org.forkreduce.Input;
import org.forkreduce.InputException;
import org.forkreduce.Inputs;
import org.forkreduce.RecordReader;
import org.forkreduce.Split;
import org.forkreduce.SplitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FIFOs, pseudo files and special files as inputs, each compared with a regular file. */
class StreamInputTest {
  @TempDir Path dir;

  private static byte[] text(long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2_000; i++) {
      sb.append("w").append(random.nextInt(50)).append(i % 7 == 0 ? "\n" : " ");
    }
    return sb.toString().getBytes(UTF_8);
  }

  @Test
  void textLines_fifo_sameLinesAsTheFileInSeveralSplits() throws Exception {
    byte[] bytes = text(1);
    Path file = SplitReading.write(dir, "in.txt", bytes);
    try (Fifo fifo = Fifo.writing(dir.resolve("in.fifo"), bytes)) {
      Input<String> input = Inputs.textLines(fifo.path());
      assertThat(Inputs.streamLabel(fifo.path())).isEqualTo("fifo:" + fifo.path());
      assertThat(input.splits(new SplitPolicy(512, 1))).hasSizeGreaterThan(5);
      assertThat(SplitReading.readAll(input, 512))
          .isEqualTo(SplitReading.readAll(Inputs.textLines(file), 512));
    }
  }

  @Test
  void textLines_gzipFifo_readWholeAsAGzipFile() throws Exception {
    byte[] bytes = text(2);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(bytes);
    }
    Path file = SplitReading.write(dir, "in.txt", bytes);
    try (Fifo fifo = Fifo.writing(dir.resolve("in.fifo"), gz.toByteArray())) {
      Input<String> input = Inputs.textLines(fifo.path());
      List<Split> splits = input.splits(new SplitPolicy(512, 1));
      assertThat(splits).singleElement().satisfies(s -> assertThat(s.compressed()).isTrue());
      assertThat(SplitReading.readAll(input, 512).records())
          .isEqualTo(SplitReading.readAll(Inputs.textLines(file), 512).records());
    }
  }

  @Test
  void csv_fifo_sameRecordsAsTheFile() throws Exception {
    StringBuilder sb = new StringBuilder("k,v\n");
    for (int i = 0; i < 500; i++) {
      sb.append(i % 13 == 0 ? "\"a,\"\"q\"\"\"" : "k" + i % 9).append(',').append(i).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(UTF_8);
    Path file = SplitReading.write(dir, "in.csv", bytes);
    try (Fifo fifo = Fifo.writing(dir.resolve("in.fifo"), bytes)) {
      assertThat(csvRows(Inputs.csv(CsvOptions.defaults(), fifo.path()), 300))
          .isEqualTo(csvRows(Inputs.csv(CsvOptions.defaults(), file), 300));
    }
  }

  @Test
  void textLines_procFileOfSizeZero_readToItsEnd() throws IOException {
    Path proc = Path.of("/proc/filesystems");
    assumeTrue(Files.isReadable(proc), "no /proc/filesystems on this system");
    assertThat(Files.size(proc)).isZero();
    byte[] bytes = Files.readAllBytes(proc);
    assertThat(bytes).isNotEmpty();
    Path file = SplitReading.write(dir, "filesystems", bytes);
    assertThat(SplitReading.readAll(Inputs.textLines(proc), 64))
        .isEqualTo(SplitReading.readAll(Inputs.textLines(file), 64));
  }

  @Test
  void textLines_socket_refusedNamingItsKind() throws IOException {
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertThatThrownBy(() -> Inputs.textLines(socket)).isInstanceOf(InputException.class)
          .hasMessageContaining(socket + " is a socket").hasMessageNotContaining("\n");
    }
  }

  @Test
  void csv_characterDevice_refusedNamingItsKind() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this system");
    assertThatThrownBy(() -> Inputs.csv(Path.of("/dev/zero"))).isInstanceOf(InputException.class)
        .hasMessageContaining("/dev/zero is a character device");
  }

  @Test
  void splits_fifoInsideADirectory_refused() throws Exception {
    Path inside = Files.createDirectory(dir.resolve("d"));
    Files.writeString(inside.resolve("a.txt"), "a\n");
    Fifo.make(inside.resolve("b.fifo"));
    Input<String> input = Inputs.textLines(inside);
    assertThatThrownBy(() -> input.splits(new SplitPolicy(64, 1)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(inside.resolve("b.fifo") + " is a FIFO inside input directory");
  }

  private static List<String> csvRows(Input<CsvRow> input, long splitSize) throws IOException {
    List<String> rows = new ArrayList<>();
    for (Split split : input.splits(new SplitPolicy(splitSize, 1))) {
      try (RecordReader<CsvRow> reader = input.open(split)) {
        while (reader.next()) {
          CsvRow row = reader.current();
          rows.add(row.get(0) + "|" + row.get(1));
        }
      }
    }
    return rows;
  }

  /** A FIFO with a thread writing bytes to it; closing unblocks and stops the writer. */
  record Fifo(Path path, Thread writer) implements AutoCloseable {
    static Fifo writing(Path path, byte[] bytes) throws Exception {
      make(path);
      Thread writer = new Thread(() -> {
        try {
          Files.write(path, bytes);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, "fifo-writer");
      writer.setDaemon(true);
      writer.start();
      return new Fifo(path, writer);
    }

    static void make(Path path) throws Exception {
      Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      assertThat(p.waitFor()).as("mkfifo exit code").isZero();
    }

    /**
     * Waits for the writer; if it is still blocked (the test failed before reading), opens the
     * reading end from a daemon thread so that it can finish. Opening it unconditionally would
     * race with a writer that has just closed its end, and block for ever.
     */
    @Override
    public void close() throws java.io.InterruptedIOException {
      try {
        writer.join(10_000);
        if (writer.isAlive()) {
          Thread drain = new Thread(() -> {
            try (InputStream in = new java.io.FileInputStream(path.toFile())) {
              in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }, "fifo-drain");
          drain.setDaemon(true);
          drain.start();
          writer.join(10_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted waiting for the FIFO's writer");
      }
    }
  }
}

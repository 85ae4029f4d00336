package org.forkreduce.examples.dataframe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.forkreduce.datasets.G1Table;
import org.forkreduce.examples.dataframe.DataFrameCliTest.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.forkreduce.testsupport.Pipeline;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV on standard input (plain and gzip), from a FIFO, and special files refused, each compared
 * with the same content given as a regular file; the pipes are real, between child processes.
 */
class DataFrameStreamTest {
  static final String[] QUERY = {"groupby", "--by", "id1,id4", "--agg", "sum(v1)", "--agg",
      "mean(v3)", "--agg", "count()"};

  @TempDir static Path dir;
  static Path g1;
  static Run fileRun;

  @BeforeAll
  static void table() throws IOException {
    G1Table t = new G1Table(20_000, 10, 5, false);
    g1 = dir.resolve(t.fileName());
    try (Writer w = Files.newBufferedWriter(g1)) {
      t.write(w, 3);
    }
    fileRun = DataFrameCliTest.run(args(g1.toString()));
    assertThat(fileRun.code()).as(fileRun.err()).isZero();
  }

  private static String[] args(String... more) {
    List<String> args = new ArrayList<>(List.of(QUERY));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void groupby_gzipOnStdinFromAPipe_sameOutputAsTheFileOnProcesses() throws Exception {
    Run run = pipeline(new ProcessBuilder("gzip", "-c", g1.toString()),
        args("--engine", "processes", "--workers", "2", "-"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
    assertThat(run.err()).contains("20,000 rows").contains(", input stdin");
  }

  @Test
  void groupby_csvOnStdinFromAPipe_sameOutputAsTheFile() throws Exception {
    Run run = pipeline(new ProcessBuilder("cat", g1.toString()),
        args("--engine", "threads", "--workers", "2", "-"));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
  }

  @Test
  void groupby_fifoWithAWriterProcess_sameOutputAsTheFile() throws Exception {
    Path fifo = dir.resolve("g1.fifo");
    Process writer = Pipeline.fifoWriter(g1, fifo);
    try {
      Run run = DataFrameCliTest.run(args("--engine", "threads", fifo.toString()));
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).isEqualTo(fileRun.out());
      assertThat(run.err()).contains(", input fifo:" + fifo);
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("the writer is done").isTrue();
    } finally {
      writer.destroyForcibly();
    }
  }

  @Test
  void groupby_socketOrDashName_exitTwoWithOneLine() throws Exception {
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Run run = DataFrameCliTest.run(args(socket.toString()));
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains(socket + " is a socket").hasLineCount(1);
    }
    Files.copy(g1, dir.resolve("-g1.csv"));
    Run hinted = await(command(args("-g1.csv")).directory(dir.toFile()));
    assertThat(hinted.code()).isEqualTo(2);
    assertThat(hinted.err()).hasLineCount(1).contains("put -- before it: dataframe groupby");
    Run run = await(command(args("--", "-g1.csv")).directory(dir.toFile()));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
  }

  private static ProcessBuilder command(String... args) {
    return Pipeline.java(DataFrameCli.class, args);
  }

  /** Runs {@code feeder | cli args} with a real pipe between the two processes. */
  private static Run pipeline(ProcessBuilder feeder, String... args) throws Exception {
    return await(feeder, command(args));
  }

  private static Run await(ProcessBuilder... builders) throws Exception {
    Pipeline.Result r = Pipeline.run(dir, builders);
    return new Run(r.code(), r.out(), r.err());
  }
}

package org.forkreduce.examples.wordcount;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.forkreduce.examples.wordcount.WordCountCliTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.forkreduce.testsupport.Pipeline;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard input, pipes, FIFOs and pseudo files given to the CLI, each run in a real process
 * where a pipe is involved, and compared with the same content given as a regular file.
 */
class WordCountStreamTest {
  @TempDir Path dir;
  Path input;
  Run fileRun;

  @BeforeEach
  void writeInput() throws IOException {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("w").append(random.nextInt(300)).append(i % 11 == 0 ? "\n" : " ");
    }
    input = Files.writeString(dir.resolve("in.txt"), sb, UTF_8);
    fileRun = WordCountCliTest.run("--top", "50", input.toString());
    assertThat(fileRun.code()).as(fileRun.err()).isZero();
  }

  @Test
  void main_stdinFromAPipe_sameOutputAsTheFileOnProcesses() throws Exception {
    Run run = pipeline(new ProcessBuilder("cat", input.toString()),
        "--top", "50", "--engine", "processes", "--workers", "2", "--split-size", "8k", "-");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
    assertThat(counts(run)).isEqualTo(counts(fileRun));
    assertThat(run.err()).contains(", input stdin");
  }

  @Test
  void main_gzipOnStdin_readAsGzip() throws Exception {
    Run run = pipeline(new ProcessBuilder("gzip", "-c", input.toString()), "--top", "50", "-");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
    assertThat(counts(run)).as("the words of the decompressed stream")
        .endsWith(counts(fileRun).substring(counts(fileRun).indexOf(" bytes")));
  }

  @Test
  void main_devStdinFromAPipe_sameOutputAsTheFile() throws Exception {
    Run run = pipeline(new ProcessBuilder("cat", input.toString()),
        "--top", "50", "--engine", "threads", "--split-size", "4k", "/dev/stdin");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
    assertThat(run.err()).contains(", input stdin");
  }

  @Test
  void main_processSubstitution_sameOutputAsTheFile() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no bash for <(...)");
    List<String> bash = new ArrayList<>(List.of("/bin/bash", "-c",
        "exec \"$@\" --top 50 <(cat \"$0\")", input.toString()));
    bash.addAll(command().command());
    Run run = await(new ProcessBuilder(bash));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
    assertThat(run.err()).containsPattern(", input pipe:/(dev|proc/self)/fd/\\d+");
  }

  @Test
  void main_fifoWithAWriterProcess_sameOutputAsTheFile() throws Exception {
    Path fifo = dir.resolve("in.fifo");
    Process writer = Pipeline.fifoWriter(input, fifo);
    try {
      Run run = WordCountCliTest.run("--top", "50", "--split-size", "16k", fifo.toString());
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out()).isEqualTo(fileRun.out());
      assertThat(run.err()).contains(", input fifo:" + fifo);
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("the writer is done").isTrue();
    } finally {
      writer.destroyForcibly();
    }
  }

  @Test
  void main_procCpuinfo_countsEveryWordOfTheFullRead() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    assumeTrue(Files.isReadable(cpuinfo), "no /proc/cpuinfo on this system");
    Run run = WordCountCliTest.run("--top", "0", "--split-size", "1k", cpuinfo.toString());
    Map<String, Long> naive = NaiveWordCount.countText(Files.readString(cpuinfo, UTF_8),
        new java.util.HashMap<>());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(words(run)).isEqualTo(naive.values().stream().mapToLong(Long::longValue).sum())
        .isPositive();
  }

  @Test
  void main_socketOrDevice_exitTwoWithOneLineNamingIt() throws IOException {
    Path socket = dir.resolve("s.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Run run = WordCountCliTest.run(socket.toString());
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).isEqualTo("wordcount: Input path " + socket + " is a socket, not a"
          + " regular file, directory or stream: give files or directories, '-' for standard"
          + " input, or a FIFO.\n");
    }
    Run device = WordCountCliTest.run("/dev/zero");
    assertThat(device.code()).isEqualTo(2);
    assertThat(device.err()).contains("/dev/zero is a character device").hasLineCount(1);
  }

  @Test
  void main_fileNameStartingWithDash_hintedAndReadAfterDoubleDash() throws Exception {
    Files.copy(input, dir.resolve("-in.txt"));
    Run hinted = await(command("--top", "50", "-in.txt").directory(dir.toFile()));
    assertThat(hinted.code()).isEqualTo(2);
    assertThat(hinted.err()).hasLineCount(1)
        .contains("if -in.txt is a file, put -- before it: wordcount [OPTIONS] -- -in.txt");
    Run run = await(command("--top", "50", "--", "-in.txt").directory(dir.toFile()));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(fileRun.out());
  }

  /** The summary's bytes, words and distinct words. */
  private static String counts(Run run) {
    Matcher m = Pattern.compile("wordcount: ([\\d,]+ bytes, [\\d,]+ words, [\\d,]+ distinct)")
        .matcher(run.err());
    assertThat(m.find()).as(run.err()).isTrue();
    return m.group(1);
  }

  private static long words(Run run) {
    Matcher m = Pattern.compile("([\\d,]+) words").matcher(run.err());
    assertThat(m.find()).as(run.err()).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  private static ProcessBuilder command(String... args) {
    return Pipeline.java(WordCountCli.class, args);
  }

  /** Runs {@code feeder | cli args} with a real pipe between the two processes. */
  private Run pipeline(ProcessBuilder feeder, String... args) throws Exception {
    return await(feeder, command(args));
  }

  private Run await(ProcessBuilder... builders) throws Exception {
    Pipeline.Result r = Pipeline.run(dir, builders);
    return new Run(r.code(), r.out(), r.err());
  }
}

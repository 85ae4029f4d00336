package org.forkreduce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The peak resident memory of a process tree, on real child processes. */
class RssSamplerTest {
  private static final int MB = 200;

  /** A child that touches {@value #MB} MB of heap, says "ready", then sleeps until stopped. */
  public static final class Allocate {
    public static void main(String[] args) throws InterruptedException {
      byte[] block = new byte[MB << 20];
      for (int i = 0; i < block.length; i += 4096) {
        block[i] = 1; // resident only once written
      }
      System.out.println("ready " + block[block.length - 4096]);
      System.out.flush();
      Thread.sleep(120_000);
    }
  }

  @Test
  void peakBytes_javaChildOfAShellAllocating200Mb_countsTheDescendant() throws Exception {
    assumeTrue(RssSampler.SUPPORTED, "peak RSS is read from Linux's /proc");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // "; true" keeps the shell as the parent, so the JVM is a grandchild of this test
    Process shell = new ProcessBuilder(List.of("sh", "-c", "\"$0\" \"$@\"; true", java,
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), Allocate.class.getName()))
        .redirectErrorStream(true).start();
    try (RssSampler sampler = RssSampler.start(shell.toHandle())) {
      CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            shell.getInputStream(), StandardCharsets.UTF_8))) {
          return r.readLine();
        } catch (java.io.IOException e) {
          return e.toString();
        }
      });
      assertThat(ready.get(60, TimeUnit.SECONDS)).startsWith("ready");
      Thread.sleep(4 * RssSampler.PERIOD_MILLIS);
      assertThat(RssSampler.rssBytes(shell.pid())).isLessThan(MB * 1_000_000L / 10);
      assertThat(sampler.peakBytes()).isGreaterThan(MB * 1_048_576L)
          .isLessThan(4L * MB * 1_048_576L);
    } finally {
      ProcessRunner.stop(shell.toHandle());
    }
  }

  @Test
  void rssBytes_endedProcess_isZero() throws Exception {
    assumeTrue(RssSampler.SUPPORTED, "peak RSS is read from Linux's /proc");
    Process p = new ProcessBuilder("true").start();
    try {
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(RssSampler.rssBytes(p.pid())).isZero();
    } finally {
      ProcessRunner.stop(p.toHandle());
    }
  }

  @Test
  void peakBytes_notLinux_isNotMeasured() throws Exception {
    assumeTrue(!RssSampler.SUPPORTED, "elsewhere than Linux");
    try (RssSampler sampler = RssSampler.start(ProcessHandle.current())) {
      Thread.sleep(2 * RssSampler.PERIOD_MILLIS);
      assertThat(sampler.peakBytes()).isEqualTo(RssSampler.NOT_MEASURED);
    }
  }
}

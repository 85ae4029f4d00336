package org.forkreduce.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.forkreduce.NotShippableException;
import org.forkreduce.RemoteTaskException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every pool method against a sequential reference, on one pool of two worker JVMs. */
class ProcessPoolTest {
  private static ProcessPool pool;

  @BeforeAll
  static void start() {
    pool = ProcessPool.create(2);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  private static List<Long> squares(int n) {
    return IntStream.range(0, n).mapToObj(x -> (long) x * x).toList();
  }

  @Test
  void map_squares_inInputOrder() {
    assertThat(pool.map(x -> (long) x * x, range(10_000))).isEqualTo(squares(10_000));
    assertThat(pool.map(x -> (long) x * x, range(0))).isEmpty();
    assertThat(pool.map(x -> (long) x * x, range(101), 7)).isEqualTo(squares(101));
  }

  @Test
  void mapAsync_completesWithTheList() {
    CompletableFuture<List<Long>> f = pool.mapAsync(x -> (long) x * x, range(500));
    assertThat(f.join()).isEqualTo(squares(500));
  }

  @Test
  void map_runsInOtherProcesses() {
    long me = ProcessHandle.current().pid();
    List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), range(40), 1);
    assertThat(pids).doesNotContain(me);
    assertThat(new HashSet<>(pids)).isSubsetOf(new HashSet<>(pool.workerPids()));
  }

  @Test
  void imap_lazyOrderedResults() {
    Iterator<Long> it = pool.imap(x -> (long) x * x, range(3_000));
    List<Long> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    assertThat(out).isEqualTo(squares(3_000));
  }

  @Test
  void imap_endlessInput_readsOnlyWhatIsConsumed() {
    int[] produced = {0};
    Iterable<Integer> endless = () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        return produced[0]++;
      }
    };
    Iterator<Long> it = pool.imap(x -> (long) x * x, endless, 10);
    for (int i = 0; i < 100; i++) {
      assertThat(it.next()).isEqualTo((long) i * i);
    }
    assertThat(produced[0]).isLessThanOrEqualTo(100 + pool.workers() * 4 * 10);
  }

  @Test
  void imapUnordered_allResultsInSomeOrder() {
    List<Long> out = new ArrayList<>();
    pool.imapUnordered((Integer x) -> (long) x * x, range(2_000)).forEachRemaining(out::add);
    assertThat(out).containsExactlyInAnyOrderElementsOf(squares(2_000));
  }

  /** Yields 0..failAt-1, then throws from {@code next()} (or from {@code hasNext()}). */
  private static Iterable<Integer> failingAt(int failAt, boolean inHasNext) {
    return () -> new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        if (inHasNext && next == failAt) {
          throw new IllegalStateException("input broke at " + failAt);
        }
        return true;
      }

      @Override
      public Integer next() {
        if (next == failAt) {
          throw new IllegalStateException("input broke at " + failAt);
        }
        return next++;
      }
    };
  }

  /** Drains {@code it} into {@code out} until it throws; returns what it threw. */
  private static Throwable drainUntilThrown(Iterator<Long> it, List<Long> out) {
    try {
      it.forEachRemaining(out::add);
    } catch (RuntimeException e) {
      assertThat(it.hasNext()).as("the iteration ends after the input's failure").isFalse();
      return e;
    }
    throw new AssertionError("the input's failure was not thrown");
  }

  @Test
  void imap_inputThrows_earlierResultsFirstThenTheFailure() {
    for (int chunk : new int[] {1, 7, 100}) {
      for (boolean inHasNext : new boolean[] {false, true}) {
        List<Long> out = new ArrayList<>();
        Throwable thrown = drainUntilThrown(
            pool.imap(x -> (long) x * x, failingAt(250, inHasNext), chunk), out);
        assertThat(out).isEqualTo(squares(250));
        assertThat(thrown).isInstanceOf(IllegalStateException.class)
            .hasMessage("input broke at 250");
      }
    }
    List<Long> adaptive = new ArrayList<>();
    assertThat(drainUntilThrown(pool.imap(x -> (long) x * x, failingAt(40, false)), adaptive))
        .hasMessage("input broke at 40");
    assertThat(adaptive).isEqualTo(squares(40));
  }

  @Test
  void imapUnordered_inputThrows_everyEarlierResultThenTheFailure() {
    List<Long> out = new ArrayList<>();
    Throwable thrown = drainUntilThrown(
        pool.imapUnordered(x -> (long) x * x, failingAt(250, false), 7), out);
    assertThat(out).containsExactlyInAnyOrderElementsOf(squares(250));
    assertThat(thrown).hasMessage("input broke at 250");
  }

  @Test
  void map_inputThrows_throwsTheInputsFailureAndThePoolStillWorks() {
    assertThatThrownBy(() -> pool.map(x -> (long) x * x, failingAt(50, false), 7))
        .isInstanceOf(IllegalStateException.class).hasMessage("input broke at 50");
    assertThat(pool.map(x -> (long) x * x, range(20), 3)).isEqualTo(squares(20));
  }

  @Test
  void starmap_pairs() {
    List<Map.Entry<Integer, String>> pairs = List.of(Map.entry(2, "ab"), Map.entry(0, "x"),
        Map.entry(3, "z"));
    assertThat(pool.starmap((Integer n, String s) -> s.repeat(n), pairs))
        .containsExactly("abab", "", "zzz");
  }

  @Test
  void applyAndSubmit_roundTrip() {
    assertThat(pool.apply((String s) -> s.toUpperCase(), "hé")).isEqualTo("HÉ");
    assertThat(pool.submit(() -> 6 * 7).join()).isEqualTo(42);
    long offset = 1000;
    assertThat(pool.submit((Integer x) -> x + offset, 1).join()).isEqualTo(1001L);
  }

  @Test
  void asCompleted_yieldsEveryFutureOnce() {
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int sleep = (5 - i) * 30;
      int value = i;
      futures.add(pool.submit(() -> {
        Thread.sleep(sleep);
        return value;
      }));
    }
    Set<Integer> seen = new HashSet<>();
    for (CompletableFuture<Integer> f : ProcessPool.asCompleted(futures)) {
      assertThat(f).isDone();
      seen.add(f.join());
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }

  @Test
  void submit_taskThrows_remoteTraceInFuture() {
    CompletableFuture<Integer> f = pool.submit((Integer x) -> {
      if (x > 0) {
        throw new IllegalArgumentException("bad x " + x);
      }
      return x;
    }, 7);
    assertThatThrownBy(f::join).hasCauseInstanceOf(RemoteTaskException.class);
    RemoteTaskException e = (RemoteTaskException) f.handle((v, t) -> t.getCause()).join();
    assertThat(e.remoteClassName()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(e.remoteMessage()).isEqualTo("bad x 7");
    assertThat(e.getMessage()).contains("worker").contains("argument: 7");
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).contains("ProcessPoolTest.lambda$submit_taskThrows")
        .contains("WorkerLoop");
  }

  @Test
  void map_oneItemThrows_failsNamingTheItem() {
    assertThatThrownBy(() -> pool.map((Integer x) -> 10 / (x - 33), range(100), 10))
        .isInstanceOf(RemoteTaskException.class)
        .hasMessageContaining("java.lang.ArithmeticException")
        .hasMessageContaining("item 4 of 10")
        .hasMessageContaining("argument: 33")
        .hasMessageContaining("map items 31-40");
  }

  @Test
  void submit_unshippableArgumentOrFunction_refusedAtOnce() {
    Thread thread = new Thread(() -> { });
    assertThatThrownBy(() -> pool.submit((Object o) -> o.toString(), thread))
        .isInstanceOf(NotShippableException.class)
        .hasMessageContaining("cannot be sent to a worker");
    assertThatThrownBy(() -> pool.submit(() -> thread.getName()))
        .isInstanceOf(NotShippableException.class)
        .hasMessageContaining("function");
  }

  @Test
  void executorService_runsSerializableTasksAndRejectsOthers() throws Exception {
    ExecutorService executor = pool.asExecutorService();
    Future<Integer> f = executor.submit((SerializableCallable<Integer>) () -> 5);
    assertThat(f.get()).isEqualTo(5);
    List<Future<String>> all = executor.invokeAll(List.of(
        (SerializableCallable<String>) () -> "a", (SerializableCallable<String>) () -> "b"));
    assertThat(all.get(0).get() + all.get(1).get()).isEqualTo("ab");
    Runnable plain = () -> { };
    assertThatThrownBy(() -> executor.execute(plain))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("SerializableRunnable");
  }
}

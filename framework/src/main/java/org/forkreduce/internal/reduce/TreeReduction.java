package org.forkreduce.internal.reduce;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Tree reduction: partials merged in rounds, {@code fanIn} at a time, the merges of one round
 * independent of each other so that they can run in parallel. {@code n} partials take
 * {@code ceil(log_fanIn(n))} rounds. Pure: no I/O, no threads of its own.
 */
public final class TreeReduction {
  private TreeReduction() {}

  /** Runs the independent tasks of one round and returns their results in task order. */
  @FunctionalInterface
  public interface RoundRunner {
    <T> List<T> runAll(List<Callable<T>> tasks) throws Exception;

    /** Runs the tasks one after another in the caller's thread. */
    RoundRunner SEQUENTIAL = new RoundRunner() {
      @Override
      public <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        List<T> results = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
          results.add(task.call());
        }
        return results;
      }
    };
  }

  /**
   * The merge plan for {@code n} partials: a list of rounds, each a list of groups of partial
   * indices. A group's merge result takes the place of its first index; a group of one passes
   * through. Each index appears in at most one group per round.
   */
  public static List<List<int[]>> plan(int n, int fanIn) {
    if (n < 0 || fanIn < 2) {
      throw new IllegalArgumentException("need n >= 0 and fanIn >= 2, got n=" + n
          + ", fanIn=" + fanIn);
    }
    List<List<int[]>> rounds = new ArrayList<>();
    List<Integer> alive = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      alive.add(i);
    }
    while (alive.size() > 1) {
      List<int[]> round = new ArrayList<>();
      List<Integer> next = new ArrayList<>();
      for (int from = 0; from < alive.size(); from += fanIn) {
        List<Integer> group = alive.subList(from, Math.min(alive.size(), from + fanIn));
        round.add(group.stream().mapToInt(Integer::intValue).toArray());
        next.add(group.get(0));
      }
      rounds.add(Collections.unmodifiableList(round));
      alive = next;
    }
    return Collections.unmodifiableList(rounds);
  }

  /**
   * Reduces {@code partials} to one by the plan, running each round's merges through
   * {@code runner}. Returns {@code empty} when there are no partials.
   *
   * @param merge merges a group of two or more partials into one (it may reuse one of them)
   */
  public static <P> P reduce(List<P> partials, int fanIn, GroupMerge<P> merge, P empty,
      RoundRunner runner) throws Exception {
    if (partials.isEmpty()) {
      return empty;
    }
    List<P> slots = new ArrayList<>(partials);
    for (List<int[]> round : plan(slots.size(), fanIn)) {
      List<Callable<P>> tasks = new ArrayList<>();
      List<Integer> targets = new ArrayList<>();
      for (int[] group : round) {
        if (group.length < 2) {
          continue;
        }
        List<P> members = new ArrayList<>(group.length);
        for (int index : group) {
          members.add(slots.get(index));
        }
        tasks.add(() -> merge.merge(members));
        targets.add(group[0]);
      }
      List<P> merged = runner.runAll(tasks);
      for (int i = 0; i < merged.size(); i++) {
        slots.set(targets.get(i), merged.get(i));
      }
    }
    return slots.get(0);
  }

  /** Merges a group of partials into one. */
  @FunctionalInterface
  public interface GroupMerge<P> {
    P merge(List<P> group) throws Exception;
  }
}
